import { rmSync } from 'node:fs';
import { join } from 'node:path';
import neo4jDriver from 'neo4j-driver';
import { logger } from '../../src/cli/logger';
import { openStore } from '../../src/cli/open-store';
import { UnavailableError } from '../../src/domain/errors';
import { neo4jSettingsFromEnv } from '../../src/store/neo4j/neo4j.config';
import { Neo4jRunner, type Neo4jLog } from '../../src/store/neo4j/neo4j.runner';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import type { GraphStore } from '../../src/store/store';
import { startTestServer } from '../helpers/api';
import { LocalNeo4j, REPO_ROOT, missingTools, startNeo4j } from './neo4j-server';

const ci = process.env.CI === 'true' || process.env.CI === '1';
// This file starts (and stops, and restarts) a Neo4j of its own, so it needs Java and Maven even
// when the suite's Neo4j comes from NEO4J_URI. Without them it is skipped loudly, except under CI.
const missing = missingTools();
const skip = process.env.KG_NEO4J_SKIP ?? (missing && !ci ? missing : undefined);
if (skip) process.stdout.write(`[neo4j] SKIPPING test/neo4j/unavailable.int.test.ts: ${skip}\n`);
const describeOwnNeo4j = skip ? describe.skip : describe;

/** What the client must never be shown: the address, the port and the driver's words. */
const forbidden = (port: number): (string | RegExp)[] => ['127.0.0.1', String(port), 'ECONNREFUSED', /failed to connect/i, /encryption/i, /ServiceUnavailable/];

const expectSafe = (text: string, port: number): void => {
  for (const word of forbidden(port)) expect(text).not.toMatch(word);
};

/** Returns what the call rejected with and how long it took to settle (failing when it resolved). */
async function failure(call: () => Promise<unknown>): Promise<{ err: unknown; ms: number }> {
  const t0 = Date.now();
  const err = await call().then((value) => { throw new Error(`expected a rejection, got ${JSON.stringify(value)}`); }, (e: unknown) => e);
  return { err, ms: Date.now() - t0 };
}

/** A log that keeps its lines, so the test can see that the details went there. */
function keptLog(): Neo4jLog & { lines: { level: string; message: string; details: object }[] } {
  const lines: { level: string; message: string; details: object }[] = [];
  return {
    lines,
    warn: (details, message) => void lines.push({ level: 'warn', message, details }),
    info: (details, message) => void lines.push({ level: 'info', message, details }),
  };
}

describeOwnNeo4j('Neo4j down, then back', () => {
  const dataDir = join(REPO_ROOT, '.cache', 'neo4j-data', `unavailable-${process.pid}-${Date.now()}`);
  const small = { heap: '384m', pageCacheMb: 16, dataDir };
  let neo4j: LocalNeo4j | undefined;
  let uri: string;
  let port: number;
  const runners: Neo4jRunner[] = [];
  /** A runner with the settings `kg serve` would read from the environment (the defaults under test). */
  const connect = (log?: Neo4jLog): Neo4jRunner => {
    const runner = Neo4jRunner.connect(neo4jSettingsFromEnv({ NEO4J_URI: uri })!, log);
    runners.push(runner);
    return runner;
  };
  let log: ReturnType<typeof keptLog>;
  let runner: Neo4jRunner;
  let store: Neo4jStore;

  beforeAll(async () => {
    if (missing) throw new Error(`CI=true and this test cannot start its own Neo4j: ${missing}`);
    neo4j = await startNeo4j(small);
    uri = neo4j.uri;
    port = Number(new URL(uri).port);
    log = keptLog();
    runner = connect(log);
    store = new Neo4jStore(runner);
    // Up: the same store object is used through the outage and after it.
    await store.ping(5_000);
    await runner.write((tx) => tx.run("CREATE (:Theme {id: 'Theme:outage', slug: 'outage', name: 'Outage', description: 'before the outage'})"));
    expect((await store.listThemes()).map((t) => t.id)).toEqual(['Theme:outage']);
    await neo4j.stop();
    neo4j = undefined;
  }, 180_000);

  afterAll(async () => {
    for (const r of runners) await r.close();
    await neo4j?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('fails a store read with UNAVAILABLE within 2 s, naming no host, port or driver text, and logs the details', async () => {
    const { err, ms } = await failure(() => store.track(() => store.listThemes(), { deadline: Date.now() + 5_000, timeoutMs: 5_000 }));
    expect(err).toBeInstanceOf(UnavailableError);
    expect(err).toMatchObject({ code: 'UNAVAILABLE', message: 'the database is unavailable; retry in a few seconds' });
    expect(ms).toBeLessThan(2_000);
    expectSafe((err as Error).message, port);
    // The details are kept: in the error's cause, and in the server log.
    expect(String((err as Error).cause)).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
    const warning = log.lines.find((l) => l.message === 'Neo4j is unavailable');
    expect(warning?.details).toMatchObject({ uri, reason: expect.stringContaining(`ECONNREFUSED 127.0.0.1:${port}`) });
  });

  it('answers a GraphQL request UNAVAILABLE within 2 s over HTTP, the body naming no host, port or driver text', async () => {
    const own = new Neo4jStore(connect());
    const server = await startTestServer(own);
    try {
      const t0 = Date.now();
      const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ themes { id name } }' }) });
      const body = await res.text();
      const ms = Date.now() - t0;
      expect(ms).toBeLessThan(2_000);
      const parsed = JSON.parse(body) as { errors: { message: string; extensions: { code: string } }[] };
      expect(parsed.errors).toHaveLength(1);
      expect(parsed.errors[0]).toMatchObject({ message: 'the database is unavailable; retry in a few seconds', extensions: { code: 'UNAVAILABLE' } });
      expectSafe(body, port);
    } finally {
      await server.stop();
    }
  });

  it('answers /health/ready 503 while Neo4j is down, with a safe reason, and /health/live 200', async () => {
    const own = new Neo4jStore(connect());
    const server = await startTestServer(own);
    try {
      const base = server.url.replace('/graphql', '');
      const t0 = Date.now();
      const ready = await fetch(`${base}/health/ready`);
      const body = await ready.text();
      expect(Date.now() - t0).toBeLessThan(1_500);
      expect(ready.status).toBe(503);
      expect(ready.headers.get('retry-after')).toBe('1');
      expect(JSON.parse(body)).toMatchObject({ status: 'unavailable', store: 'neo4j' });
      expectSafe(body, port);
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('rejects ping within its time while down, with a safe message and the reason as its cause', async () => {
    const fresh = new Neo4jStore(connect());
    const { err, ms } = await failure(() => fresh.ping(1_000));
    expect(err).toBeInstanceOf(UnavailableError);
    expect(ms).toBeLessThan(1_500);
    expectSafe((err as Error).message, port);
    expect((err as Error).message).toMatch(/^the database (is unavailable|did not answer within 1000 ms); retry in a few seconds$/);
    expect((err as Error).cause).toBeInstanceOf(Error);
  });

  it('opens the circuit after repeated connection failures: calls then fail at once, without reaching the driver', async () => {
    // The first test's read was the first consecutive failure; the default threshold is 3.
    expect(runner.breaker.state).toBe('closed');
    const slow: number[] = [];
    while (runner.breaker.state === 'closed' && slow.length < 5) {
      const { err, ms } = await failure(() => store.getNodes(['Publication:anything']));
      expect(err).toBeInstanceOf(UnavailableError);
      slow.push(ms);
    }
    expect(slow).toHaveLength(2);
    expect(runner.breaker.state).toBe('open');
    expect(log.lines.some((l) => l.message.startsWith('Neo4j circuit open'))).toBe(true);

    const sessions = jest.spyOn(runner.driver, 'session');
    try {
      const { err, ms } = await failure(() => store.getNodes(['Publication:anything']));
      expect(err).toBeInstanceOf(UnavailableError);
      expect((err as Error).message).toBe('the database is unavailable; retry in a few seconds');
      const ping = await failure(() => store.ping(1_000));
      expect(ping.err).toBeInstanceOf(UnavailableError);
      // A real attempt retries once, about a second later; an open circuit answers at once.
      for (const s of slow) expect(s).toBeGreaterThan(500);
      expect(ms).toBeLessThan(50);
      expect(ping.ms).toBeLessThan(50);
      expect(sessions).not.toHaveBeenCalled();
    } finally {
      sessions.mockRestore();
    }
  });

  /** Pings until the store answers (at most 10 s); returns when it did and the refusals before. */
  async function firstAnswer(target: GraphStore): Promise<{ at: number | null; refusals: string[] }> {
    const start = Date.now();
    const refusals: string[] = [];
    while (Date.now() - start < 10_000) {
      try {
        await target.ping(1_000);
        return { at: Date.now(), refusals };
      } catch (err) {
        refusals.push((err as Error).message);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return { at: null, refusals };
  }

  /**
   * Waits until a driver of its own gets an answer from the restarted Neo4j (at most 60 s), and
   * returns how long that took. A JVM that has just started plans and runs its first statements
   * slowly (more than a second on a busy machine): that is Neo4j's start-up, not our recovery, so
   * "back" is when Neo4j first answers, not when its port opens.
   */
  async function answersOnItsOwn(at: string): Promise<number> {
    const t0 = Date.now();
    const driver = neo4jDriver.driver(at, undefined, { connectionTimeout: 2_000, maxTransactionRetryTime: 0 });
    try {
      for (;;) {
        try {
          await driver.executeQuery('RETURN 1 AS ready');
          return Date.now() - t0;
        } catch (err) {
          if (Date.now() - t0 > 60_000) throw err;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    } finally {
      await driver.close();
    }
  }

  it('recovers within 5 s of Neo4j coming back, with the same store object, and closes the circuit', async () => {
    expect((await failure(() => store.ping(1_000))).err).toBeInstanceOf(UnavailableError);
    // A store opened as `kg serve` opens it, while Neo4j is down: that is logged, not fatal.
    const saved = { uri: process.env.NEO4J_URI, level: logger.level };
    process.env.NEO4J_URI = uri;
    logger.level = 'silent';
    let bornDown: GraphStore;
    try {
      bornDown = await openStore('neo4j', []);
    } finally {
      if (saved.uri === undefined) delete process.env.NEO4J_URI;
      else process.env.NEO4J_URI = saved.uri;
    }
    try {
      expect((await failure(() => bornDown.ping(1_000))).err).toBeInstanceOf(UnavailableError);

      neo4j = await startNeo4j({ ...small, port });
      expect(neo4j.uri).toBe(uri);
      const firstAnswerMs = await answersOnItsOwn(uri);
      const back = Date.now();
      const [same, started] = await Promise.all([firstAnswer(store), firstAnswer(bornDown)]);
      process.stdout.write(`[neo4j] back: Neo4j first answered ${firstAnswerMs} ms after its port opened; the same store answered after ${same.at! - back} ms (${same.refusals.length} refusals), one opened while down after ${started.at! - back} ms\n`);
      expect(same.at).not.toBeNull();
      expect(started.at).not.toBeNull();
      expect(same.at! - back).toBeLessThanOrEqual(5_000);
      expect(started.at! - back).toBeLessThanOrEqual(5_000);
      expect(bornDown.kind).toBe('neo4j');
      // The database keeps its files across the restart (test/neo4j/Launcher.java), as a server does.
      expect((await bornDown.listThemes()).map((t) => t.id)).toEqual(['Theme:outage']);
    } finally {
      await bornDown.close();
      logger.level = saved.level;
    }
    expect(runner.breaker.state).toBe('closed');
    // Readiness tells the truth again, with no restart.
    const server = await startTestServer(store);
    try {
      const ready = await fetch(server.url.replace('/graphql', '/health/ready'));
      expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready', store: 'neo4j' }]);
    } finally {
      await server.stop();
    }
    expect(log.lines.at(-1)).toMatchObject({ level: 'info', message: 'Neo4j answers again: circuit closed' });
    // Reads and writes work again on the same store, over the data written before the outage.
    expect((await store.listThemes()).map((t) => t.id)).toEqual(['Theme:outage']);
    await runner.write((tx) => tx.run("CREATE (:Theme {id: 'Theme:after', slug: 'after', name: 'After', description: 'after the outage'})"));
    expect((await store.listThemes()).map((t) => t.id)).toEqual(['Theme:after', 'Theme:outage']);
  }, 180_000);
});
