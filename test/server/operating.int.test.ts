import 'reflect-metadata';
import { Writable } from 'node:stream';
import pino from 'pino';
import { generateLibrary, toListing } from '../../src/ingest/library.generator';
import { prepareImport } from '../../src/ingest/prepare-import';
import { startServer, type RunningServer } from '../../src/server/http.server';
import { limitsFromEnv } from '../../src/server/limits/limits.config';
import { sheddingFromEnv } from '../../src/server/load-shedding';
import { metricsPlacementFromEnv } from '../../src/server/metrics';
import { MemoryStore } from '../../src/store/memory/memory.store';
import type { GraphStore } from '../../src/store/store';
import { seededMemoryStore } from '../helpers/memory';

/** A pino logger whose JSON lines are collected. */
function capturingLogger(level = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

const post = (url: string, query: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

/** Parses Prometheus' text format into sample lines: name{labels} value. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.e+-]+|NaN|Nan|\+Inf|-Inf)$/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    out.set(m[1]!, Number(m[2]));
  }
  return out;
}

describe('operating the server (embedded store)', () => {
  let store: GraphStore;
  beforeAll(async () => {
    store = await seededMemoryStore();
  });
  afterAll(async () => store?.close());

  describe('request ids, security headers, health and metrics', () => {
    let server: RunningServer;
    const log = capturingLogger();
    beforeAll(async () => {
      server = await startServer({ store, logger: log.logger, port: 0, limits: limitsFromEnv({}), metrics: { kind: 'same-port' } });
    });
    afterAll(async () => server?.stop());

    it('binds 127.0.0.1 unless told otherwise, and says so', () => {
      expect(server.bound.address).toBe('127.0.0.1');
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    });

    it('gives every response a request id, keeps a plain incoming one, and puts it on the request\'s log lines', async () => {
      const fresh = await post(server.url, '{ themes { name } }');
      expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const kept = await post(server.url, '{ themes { name } }', { 'x-request-id': 'dashboard-42.a:b' });
      expect(kept.headers.get('x-request-id')).toBe('dashboard-42.a:b');
      // An id that is not a plain short token is replaced, never echoed.
      const odd = await post(server.url, '{ themes { name } }', { 'x-request-id': 'x'.repeat(300) });
      expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const notFound = await fetch(server.url.replace('/graphql', '/nowhere'), { headers: { 'x-request-id': 'lost-1' } });
      expect(notFound.status).toBe(404);
      expect(notFound.headers.get('x-request-id')).toBe('lost-1');
      await new Promise((r) => setTimeout(r, 50));
      const lines = log.lines.filter((l) => l.reqId === 'dashboard-42.a:b');
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.some((l) => l.msg === 'request' && l.status === 200)).toBe(true);
    });

    it('sends security headers, with a content security policy that allows only this origin', async () => {
      const res = await post(server.url, '{ __typename }');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      const page = await fetch(server.url, { headers: { accept: 'text/html' } });
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      // Every inline script of the playground is allowed by its hash.
      const html = await page.text();
      const hashes = [...(page.headers.get('content-security-policy') ?? '').matchAll(/'sha256-[^']+'/g)].length;
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/gi)].length;
      expect(inline).toBeGreaterThan(0);
      expect(hashes).toBe(inline);
    });

    it('refuses a body over KG_MAX_BODY_BYTES with 413 and a body that is not JSON with 400, both as GraphQL errors', async () => {
      const big = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(1_100_000)}` }) });
      expect(big.status).toBe(413);
      const bigBody = (await big.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(bigBody.errors[0]!.extensions.code).toBe('BAD_REQUEST');
      expect(bigBody.errors[0]!.message).toContain('KG_MAX_BODY_BYTES');
      const bad = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe('request body is not valid JSON');
    });

    it('answers a Host header that is not a host with 400, not a server error', async () => {
      const { request } = await import('node:http');
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${server.url}?query=%7B__typename%7D`, { headers: { host: 'a b' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(400);
    });

    it('answers /health/live and /health (its old name) while serving, and /health/ready once the store answers', async () => {
      const base = server.url.replace('/graphql', '');
      for (const path of ['/health', '/health/live']) {
        const res = await fetch(base + path);
        expect([res.status, await res.json()]).toEqual([200, { status: 'ok', store: 'memory' }]);
      }
      const ready = await fetch(`${base}/health/ready`);
      expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready', store: 'memory' }]);
    });

    it('exports Prometheus metrics whose counters move with the requests', async () => {
      const metricsUrl = server.url.replace('/graphql', '/metrics');
      const before = samples(await (await fetch(metricsUrl)).text());
      const key = 'kg_graphql_requests_total{operation="Dashboard",outcome="ok",identity="anonymous"}';
      const refusedKey = 'kg_graphql_requests_total{operation="anonymous",outcome="QUERY_TOO_DEEP",identity="anonymous"}';
      await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query Dashboard { themes { name } }', operationName: 'Dashboard' }) });
      await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query Dashboard { themes { name } }', operationName: 'Dashboard' }) });
      await post(server.url, `{ theme(id: "gangs") { ${'broader { '.repeat(13)}name${' }'.repeat(13)} } }`);
      const res = await fetch(metricsUrl);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const after = samples(await res.text());
      expect((after.get(key) ?? 0) - (before.get(key) ?? 0)).toBe(2);
      expect((after.get(refusedKey) ?? 0) - (before.get(refusedKey) ?? 0)).toBe(1);
      expect((after.get('kg_refusals_total{reason="QUERY_TOO_DEEP"}') ?? 0) - (before.get('kg_refusals_total{reason="QUERY_TOO_DEEP"}') ?? 0)).toBe(1);
      expect(after.get('kg_graphql_estimated_cost_count')!).toBeGreaterThan(before.get('kg_graphql_estimated_cost_count') ?? 0);
      expect(after.get('kg_store_round_trips_count')!).toBeGreaterThan(before.get('kg_store_round_trips_count') ?? 0);
      expect([...after.keys()].some((k) => k.startsWith('kg_http_request_duration_seconds_bucket{'))).toBe(true);
      // The standard process metrics.
      expect(after.has('process_cpu_user_seconds_total')).toBe(true);
      expect(after.has('nodejs_eventloop_lag_seconds')).toBe(true);
    });
  });

  describe('where metrics are served', () => {
    it('reads KG_METRICS: on (the default), off, or a port of their own', () => {
      expect(metricsPlacementFromEnv({})).toEqual({ kind: 'same-port' });
      expect(metricsPlacementFromEnv({ KG_METRICS: 'off' })).toEqual({ kind: 'off' });
      expect(metricsPlacementFromEnv({ KG_METRICS: '9464' })).toEqual({ kind: 'own-port', port: 9464, host: '127.0.0.1' });
      expect(() => metricsPlacementFromEnv({ KG_METRICS: 'sometimes' })).toThrow(/KG_METRICS/);
    });

    it('serves no /metrics when off, and only on their own port when given one', async () => {
      const off = await startServer({ store, logger: pino({ level: 'silent' }), port: 0, metrics: { kind: 'off' } });
      try {
        expect((await fetch(off.url.replace('/graphql', '/metrics'))).status).toBe(404);
      } finally {
        await off.stop();
      }
      const own = await startServer({ store, logger: pino({ level: 'silent' }), port: 0, metrics: { kind: 'own-port', port: 0, host: '127.0.0.1' } });
      try {
        expect((await fetch(own.url.replace('/graphql', '/metrics'))).status).toBe(404);
        expect(own.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
        const res = await fetch(own.metricsUrl!);
        expect(res.status).toBe(200);
        expect(samples(await res.text()).has('process_cpu_user_seconds_total')).toBe(true);
      } finally {
        await own.stop();
      }
    });
  });
});

describe('load shedding on event-loop delay', () => {
  it('answers 503 OVERLOADED once the event loop has lagged past KG_SHED_EVENT_LOOP_DELAY_MS, keeps liveness up, and recovers', async () => {
    const store = await seededMemoryStore();
    const server = await startServer({ store, logger: pino({ level: 'silent' }), port: 0, shedding: sheddingFromEnv({}, { maxEventLoopDelayMs: 100, maxInFlight: 0 }) });
    try {
      expect((await post(server.url, '{ __typename }')).status).toBe(200);
      // Keep this process's event loop (the server's too: it runs in it) lagging for 2.5 s: blocks
      // of 250 ms with only a turn of the loop between them, so the mean delay of a sample is high.
      const until = Date.now() + 2_500;
      while (Date.now() < until) {
        const block = Date.now() + 250;
        while (Date.now() < block) { /* busy */ }
        await new Promise((r) => setImmediate(r));
      }
      const shed = await post(server.url, '{ __typename }');
      expect(shed.status).toBe(503);
      expect(shed.headers.get('retry-after')).toBe('1');
      expect(((await shed.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toEqual({ code: 'OVERLOADED', reason: 'event-loop-delay' });
      expect((await fetch(server.url.replace('/graphql', '/health/live'))).status).toBe(200);
      // Within a few samples the lag is gone and requests are served again.
      const stopAt = Date.now() + 5_000;
      let status = 503;
      while (status === 503 && Date.now() < stopAt) {
        await new Promise((r) => setTimeout(r, 200));
        status = (await post(server.url, '{ __typename }')).status;
      }
      expect(status).toBe(200);
    } finally {
      await server.stop();
      await store.close();
    }
  });
});

describe('load shedding: 50 clients against a slow query', () => {
  let store: MemoryStore;
  beforeAll(async () => {
    const prepared = prepareImport([{ file: 'generated.txt', text: toListing(generateLibrary({ publications: 3_000, seed: 'shed' })) }]);
    store = new MemoryStore();
    await store.importPublications(prepared.records, prepared.reference);
  }, 120_000);
  afterAll(async () => store?.close());

  const SLOW = '{ publications(first: 100) { nodes { title abstract authors { name } themes { theme { name } } countries { name region { name } } } } }';
  const CLIENTS = 50;
  const PER_CLIENT = 6;
  const BUDGET_MS = 20_000;

  /** Each client sends PER_CLIENT requests one after another; stops at the time budget. */
  async function burst(url: string): Promise<{ served: number[]; shed: { ms: number; retryAfter: string | null; code: unknown }[] }> {
    const served: number[] = [];
    const shed: { ms: number; retryAfter: string | null; code: unknown }[] = [];
    const stopAt = Date.now() + BUDGET_MS;
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      for (let i = 0; i < PER_CLIENT && Date.now() < stopAt; i++) {
        const started = performance.now();
        const res = await post(url, SLOW);
        const body = (await res.json()) as { errors?: { extensions?: { code?: unknown } }[] };
        const ms = performance.now() - started;
        if (res.status === 503) shed.push({ ms, retryAfter: res.headers.get('retry-after'), code: body.errors?.[0]?.extensions?.code });
        else {
          expect(res.status).toBe(200);
          expect(body.errors).toBeUndefined();
          served.push(ms);
        }
      }
    }));
    return { served, shed };
  }
  const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;

  it('sends requests past KG_SHED_MAX_IN_FLIGHT away at once with 503 OVERLOADED, so that the p99 of those served stays bounded', async () => {
    // Every client has its own turns here (one address for all of them), so only shedding bounds the
    // queue. The deadline is out of the way: without shedding, 50 queued slow requests on a busy
    // machine may wait past the default 5 s, and this measures the queue, not the deadline.
    const limits = limitsFromEnv({}, { maxConcurrentPerClient: 1_000, maxQueuedPerClient: 1_000, costBudgetPerMin: 0, queryTimeoutMs: 60_000 });
    // The response cache is off: a repeated query answered from memory would not be slow.
    const responseCache = { maxBytes: 0, maxEntryBytes: 0 };
    const unshed = await startServer({ store, logger: pino({ level: 'silent' }), port: 0, limits, responseCache, shedding: sheddingFromEnv({}, { maxInFlight: 0, maxEventLoopDelayMs: 0 }) });
    let without: Awaited<ReturnType<typeof burst>>;
    try {
      await post(unshed.url, SLOW);
      without = await burst(unshed.url);
    } finally {
      await unshed.stop();
    }
    const shedding = await startServer({ store, logger: pino({ level: 'silent' }), port: 0, limits, responseCache, shedding: sheddingFromEnv({}, { maxInFlight: 4, maxEventLoopDelayMs: 0 }) });
    let withShedding: Awaited<ReturnType<typeof burst>>;
    try {
      await post(shedding.url, SLOW);
      withShedding = await burst(shedding.url);
    } finally {
      await shedding.stop();
    }
    process.stdout.write(`[shedding] without: ${without.served.length} served, p99 ${p99(without.served).toFixed(0)} ms; ` +
      `with KG_SHED_MAX_IN_FLIGHT=4: ${withShedding.served.length} served, p99 ${p99(withShedding.served).toFixed(0)} ms, ${withShedding.shed.length} shed, slowest shed ${Math.max(...withShedding.shed.map((s) => s.ms)).toFixed(0)} ms\n`);
    expect(without.shed).toEqual([]);
    expect(withShedding.shed.length).toBeGreaterThan(0);
    expect(withShedding.served.length).toBeGreaterThan(0);
    for (const s of withShedding.shed) {
      expect(s.code).toBe('OVERLOADED');
      expect(s.retryAfter).toBe('1');
    }
    // Served requests wait behind at most 4 others instead of up to 50.
    expect(p99(withShedding.served)).toBeLessThan(p99(without.served) / 2);
  }, 120_000);
});
