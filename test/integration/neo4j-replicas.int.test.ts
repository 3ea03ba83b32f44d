import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newApiKey } from '../../src/domain/api-key.secret';
import type { ReferenceData } from '../../src/domain/import.types';
import { prepareImport } from '../../src/ingest/prepare-import';
import type { Neo4jRunner } from '../../src/store/neo4j/neo4j.runner';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import { ROOT, serveKg } from '../helpers/kg-cli';
import { describeNeo4j, seedNeo4j, testRunner } from '../helpers/neo4j';

/** How often the test asks B, and how long B may take to show what A (or an import) wrote. */
const POLL_MS = 50;
const WITHIN_MS = 1_000;
/**
 * The servers run with the default KG_REFERENCE_CHECK_MS (500): a change shows within about one
 * interval plus a check and a reload, which leaves the 1 s bound room for the round trips and the
 * polling (with 1000 it could miss the bound by a few milliseconds).
 */

interface Answer {
  data: Record<string, any>;
  roundTrips: number;
}

async function call(url: string, query: string, variables: Record<string, unknown> = {}, key?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (res.status !== 200 || body.errors) throw new Error(`${res.status}: ${JSON.stringify(body.errors)}`);
  return { data: body.data!, roundTrips: Number(res.headers.get('x-kg-round-trips')) };
}

/** Asks `ask` every POLL_MS until `seen` holds, for at most WITHIN_MS from `since`; returns the answer that showed it, when, and how many asks it took. */
async function pollUntil(since: number, ask: () => Promise<Answer>, seen: (a: Answer) => boolean): Promise<{ answer: Answer; ms: number; asks: number } | null> {
  for (let asks = 1; ; asks++) {
    const answer = await ask();
    const ms = Date.now() - since;
    if (seen(answer)) return { answer, ms, asks };
    if (ms >= WITHIN_MS) return null;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

const say = (line: string): void => void process.stdout.write(`[replicas] ${line}\n`);

const IOM = 'Publication:iom-case-data-analysis-human-trafficking';
const PUBLICATION = `query($id: ID!) { publication(id: $id) { version themes { theme { id } } } }`;
const THEME = `query($id: ID!) { theme(id: $id) { name description } }`;
const REJECT = `mutation($p: ID!, $t: ID!) { setPublicationTheme(publication: $p, theme: $t, decision: REJECTED) { publication { version } } }`;

describeNeo4j('two kg serve processes on one Neo4j agree within 1 s', () => {
  const started: ChildProcess[] = [];
  let dir: string;
  let runner: Neo4jRunner;
  let store: Neo4jStore;
  let curator: string;
  let admin: string;
  let a: string;
  let b: string;

  beforeAll(async () => {
    const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    await seedNeo4j();
    runner = testRunner();
    store = new Neo4jStore(runner);
    const key = newApiKey('replica-curator', 'curator', null);
    await store.apiKeys.create(key.record);
    curator = key.secret;
    const adminKey = newApiKey('replica-admin', 'admin', null);
    await store.apiKeys.create(adminKey.record);
    admin = adminKey.secret;
    dir = mkdtempSync(join(tmpdir(), 'kg-replicas-'));
    // As an operator runs them: the reference copy on (60 s at most, the default), checked every 500 ms (the default).
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info' };
    delete env.KG_REFERENCE_CHECK_MS;
    for (const name of Object.keys(env)) if (name.startsWith('KG_AUTH_') || name === 'KG_REFERENCE_CACHE_MS') delete env[name];
    const serve = (name: string) => serveKg(['--store', 'neo4j', '--host', '127.0.0.1', '--data-dir', join(dir, name)], env, started);
    [a, b] = (await Promise.all([serve('a'), serve('b')])).map((served) => served.url);
  }, 180_000);

  afterAll(async () => {
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a curation write through A shows through B, and B drops its reference copy', async () => {
    const before = (await call(b, PUBLICATION, { id: IOM })).data.publication;
    const theme = before.themes[0].theme.id as string;
    // B has served the old value, and holds a warm reference copy: its second theme lookup needs no round trip.
    await call(b, THEME, { id: theme });
    expect((await call(b, THEME, { id: theme })).roundTrips).toBe(0);

    const written = await call(a, REJECT, { p: IOM, t: theme }, curator);
    const at = Date.now();
    expect(written.data.setPublicationTheme.publication.version).toBe(before.version + 1);

    const shown = await pollUntil(at, () => call(b, PUBLICATION, { id: IOM }), (x) => !x.data.publication.themes.some((t: any) => t.theme.id === theme));
    expect(shown).not.toBeNull();
    expect(shown!.answer.data.publication.version).toBe(before.version + 1);
    // The write moved the graph version, so B reloads its copy (one round trip) within the same bound.
    const dropped = await pollUntil(at, () => call(b, THEME, { id: theme }), (x) => x.roundTrips === 1);
    expect(dropped).not.toBeNull();
    say(`B showed A's curation write after ${shown!.ms} ms (ask ${shown!.asks}) and reloaded its reference copy after ${dropped!.ms} ms (ask ${dropped!.asks})`);
  });

  it("a theme's new name and description from an import show in B's theme(id:), served from its reference copy", async () => {
    const theme = 'Theme:gangs';
    const old = (await call(b, THEME, { id: theme })).data.theme;
    const warm = await call(b, THEME, { id: theme });
    expect(warm).toEqual({ data: { theme: old }, roundTrips: 0 });

    // The taxonomy has no override for tests; this is what `kg import` writes when data/taxonomy.yaml changes.
    const reference = prepareImport([]).reference;
    const renamed = { name: `${old.name} (renamed)`, description: `${old.description} Revised.` };
    const changed: ReferenceData = { ...reference, themes: reference.themes.map((t) => (t.id === theme ? { ...t, ...renamed } : t)) };
    expect(changed.themes.filter((t) => t.name === renamed.name)).toHaveLength(1);
    await store.importPublications([], changed);
    const at = Date.now();

    const shown = await pollUntil(at, () => call(b, THEME, { id: theme }), (x) => x.data.theme.name === renamed.name);
    expect(shown).not.toBeNull();
    expect(shown!.answer).toEqual({ data: { theme: renamed }, roundTrips: 1 });
    // The reloaded copy serves it from memory again.
    expect(await call(b, THEME, { id: theme })).toEqual({ data: { theme: renamed }, roundTrips: 0 });
    say(`B showed the renamed theme after ${shown!.ms} ms (ask ${shown!.asks})`);
    await store.importPublications([], reference);
  });

  it("an admin's theme definition through A shows in B, and B tags with it at once", async () => {
    const theme = 'Theme:referral-pathways-replicas';
    expect((await call(b, THEME, { id: theme })).data.theme).toBeNull();
    await call(a, `mutation { upsertTheme(input: { slug: "referral-pathways-replicas", name: "Referral pathways", description: "How victims are referred to help.", terms: ["referral pathway"] }) { created } }`, {}, admin);
    const at = Date.now();
    const shown = await pollUntil(at, () => call(b, THEME, { id: theme }), (x) => x.data.theme?.name === 'Referral pathways');
    expect(shown).not.toBeNull();
    const created = await call(b, `mutation { createPublication(input: { title: "A referral pathway for children on the move", countries: ["GH"], year: 2024 }) { publication { themes { theme { id } } } } }`, {}, curator);
    expect(created.data.createPublication.publication.themes.map((t: any) => t.theme.id)).toContain(theme);
    say(`B showed A's new theme after ${shown!.ms} ms (ask ${shown!.asks})`);
  });

  it('a mutation retried with its Idempotency-Key through the other process gets the first answer, writing once', async () => {
    const send = (url: string) => fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${curator}`, 'idempotency-key': `replica-retry-${Date.now() >> 20}` },
      body: JSON.stringify({ query: `mutation { setPublicationTheme(publication: "${IOM}", theme: "Theme:covid-19", decision: CONFIRMED, note: "retried") { publication { version } change { seq } } }` }),
    });
    const before = (await call(b, PUBLICATION, { id: IOM })).data.publication.version as number;
    const first = await send(a);
    const firstBody = await first.text();
    const retry = await send(b);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.text()).toBe(firstBody);
    expect(JSON.parse(firstBody).data.setPublicationTheme.publication.version).toBe(before + 1);
    // B sees A's one write within its version check (its response cache may hold the page until then), and only one.
    const seen = await pollUntil(Date.now(), () => call(b, PUBLICATION, { id: IOM }), (x) => x.data.publication.version !== before);
    expect(seen?.answer.data.publication.version).toBe(before + 1);
  });
});
