import 'reflect-metadata';
import { newApiKey } from '../../src/domain/api-key.secret';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import pino from 'pino';
import { generateLibrary, toListing } from '../../src/ingest/library.generator';
import { prepareImport } from '../../src/ingest/prepare-import';
import { buildGraphQLSchema } from '../../src/graphql/schema';
import { startServer, type RunningServer } from '../../src/server/http.server';
import { DEFAULT_LIMITS, type LimitsConfig } from '../../src/server/limits/limits.config';
import { countTokens, estimateCost, measureShape } from '../../src/server/limits/operation-measure';
import { MemoryStore } from '../../src/store/memory/memory.store';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import type { GraphStore } from '../../src/store/store';
import { describeNeo4j, seedNeo4j, testRunner } from '../helpers/neo4j';
import { seededMemoryStore } from '../helpers/memory';

const ROOT = join(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples');

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: Record<string, any> };
  headers: Headers;
  ms: number;
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Answer['body'];
  return { status: res.status, body, headers: res.headers, ms: performance.now() - started };
}

const coauthors = (levels: number) => {
  let inner = 'name';
  for (let i = 0; i < levels; i++) inner = `coauthors(first: 100) { count author { name ${inner} } }`;
  return `{ author(id: "Author:michelle-lillie") { ${inner} } }`;
};
const eightHops = '{ theme(id: "Theme:gangs") { publications(first: 100) { nodes { authors { publications(first: 100) { nodes { themes { theme { publications(first: 100) { nodes { countries { region { name } } } } } } } } } } } } }';
const aliased = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/** The shapes of the issue that used to take the server down, each with the code that must refuse it. */
const SHAPES: [string, string, string][] = [
  ['coauthors nested 5 levels', coauthors(5), 'QUERY_TOO_COMPLEX'],
  ['coauthors nested 4 levels', coauthors(4), 'QUERY_TOO_COMPLEX'],
  // Refused by the first limit it passes: depth is checked before cost, tokens while parsing.
  ['theme → publications → authors → publications → themes … (8 hops)', eightHops, 'QUERY_TOO_DEEP'],
  ['the same 8 hops within the depth limit', eightHops.replace(' { countries { region { name } } }', ' { title }'), 'QUERY_TOO_COMPLEX'],
  ['2,000 aliases of neighborhood(depth: 3, limit: 2000)', aliased(2000, 'neighborhood(ids: ["Theme:gangs"], depth: 3, limit: 2000) { nodes { id } }'), 'TOO_MANY_TOKENS'],
  ['1,000 aliases of facets(first: 100)', aliased(1000, 'facets(first: 100) { themes { count } }'), 'TOO_MANY_TOKENS'],
  ['40 aliases of facets(first: 100)', aliased(40, 'facets(first: 100) { themes { count } }'), 'TOO_MANY_ALIASES'],
  ['13 levels deep', `{ theme(id: "gangs") { ${'broader { '.repeat(11)}name${' }'.repeat(11)} } }`, 'QUERY_TOO_DEEP'],
  ['a 3,000-token document', `{ ${'__typename '.repeat(3000)}}`, 'TOO_MANY_TOKENS'],
  ['31 directives', `{ ${Array.from({ length: 31 }, () => '__typename @include(if: true)').join(' ')} }`, 'TOO_MANY_DIRECTIVES'],
  // Each fragment spreads the next one twice: 2^19 copies of `themes` once spread.
  ['a fragment bomb', `{ ...F0 } ${Array.from({ length: 20 }, (_, i) => `fragment F${i} on Query { ${i === 19 ? 'themes { name }' : `...F${i + 1} ...F${i + 1}`} }`).join(' ')}`, 'QUERY_TOO_COMPLEX'],
];

/**
 * The same store, with `hold` awaited before its first read: a real store whose first call can be
 * kept running, so a test can fill the heavy lane deterministically.
 */
function gatedStore(store: GraphStore, hold: () => Promise<void>): GraphStore {
  let first = true;
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      // graphVersion is synchronous and does no store work (the response cache asks it).
      if (typeof value !== 'function' || key === 'track' || key === 'close' || key === 'graphVersion') return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: unknown[]) => {
        if (first) {
          first = false;
          await hold();
        }
        return Reflect.apply(value, target, args);
      };
    },
  });
}

function suite(name: string, open: () => Promise<GraphStore>) {
  describe(`request limits over HTTP (${name})`, () => {
    let store: GraphStore;
    let server: RunningServer;
    const start = (limits: Partial<LimitsConfig> = {}) =>
      startServer({ store, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1', limits: { ...DEFAULT_LIMITS, ...limits } });

    beforeAll(async () => {
      store = await open();
      server = await start();
      // Loading the library may have lagged the event loop past the load-shedding threshold (500 ms),
      // and a lagging server answers 503 OVERLOADED for a moment: wait until it serves (at most 10 s).
      for (const until = Date.now() + 10_000; (await post(server.url, '{ __typename }')).status === 503 && Date.now() < until;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // The first request of a process compiles the code paths; the bound is for a running server.
      await post(server.url, '{ themes { name } }');
      await post(server.url, coauthors(5));
    });
    afterAll(async () => {
      await server?.stop();
      await store?.close();
    });

    it.each(SHAPES)('refuses %s before any store call, in well under 100 ms', async (_label, query, code) => {
      const res = await post(server.url, query);
      expect(res.body.errors?.[0]?.extensions?.code).toBe(code);
      expect(res.body.data).toBeUndefined();
      expect(res.status).toBe(400);
      expect(res.headers.get('x-kg-round-trips')).toBe('0');
      // The best of three, so a busy CI machine's scheduling is not what is measured.
      const times = [res.ms, (await post(server.url, query)).ms, (await post(server.url, query)).ms];
      expect(Math.min(...times)).toBeLessThan(100);
      const { limit, actual } = res.body.errors![0].extensions as { limit: number; actual: number };
      expect(actual).toBeGreaterThan(limit);
    });

    it('answers a refusal with 200, errors and no data to a client that accepts only application/json', async () => {
      const res = await post(server.url, coauthors(5), {}, { accept: 'application/json' });
      expect(res.status).toBe(200);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    });

    it('lets a query just under each limit through', async () => {
      const deepest = `{ theme(id: "gangs") { ${'broader { '.repeat(10)}name${' }'.repeat(10)} } }`;
      expect(measureShape(await buildGraphQLSchema(), parse(deepest)).depth).toBe(DEFAULT_LIMITS.maxDepth);
      const deep = await post(server.url, deepest);
      expect(deep.body.errors).toBeUndefined();
      const aliases = await post(server.url, aliased(DEFAULT_LIMITS.maxAliases, 'theme(id: "gangs") { name }'));
      expect(aliases.body.errors).toBeUndefined();
      // 2,000 tokens exactly: 10 for the frame, 9 per fragment (spread and definition), one `id`.
      const fragments = Math.floor((DEFAULT_LIMITS.maxTokens - 10) / 9);
      const names = Array.from({ length: fragments }, (_, i) => `F${i}`);
      const pad = ' id'.repeat(DEFAULT_LIMITS.maxTokens - 10 - 9 * fragments);
      const document = `{ theme(id: "gangs") { ${names.map((n) => `...${n}`).join(' ')}${pad} } } ${names.map((n) => `fragment ${n} on Theme { name }`).join(' ')}`;
      expect(countTokens(document, 10_000)).toBe(DEFAULT_LIMITS.maxTokens);
      const tokens = await post(server.url, document);
      expect(tokens.body.errors).toBeUndefined();
      const directives = await post(server.url, `{ ${Array.from({ length: DEFAULT_LIMITS.maxDirectives }, () => '__typename @include(if: true)').join(' ')} }`);
      expect(directives.body.errors).toBeUndefined();
      // Cost: a server whose limit is exactly this query's estimate runs it, and refuses it one point lower.
      const query = '{ publications(first: 50) { nodes { title authors { name } themes { theme { name } } } } }';
      const estimated = estimateCost(await buildGraphQLSchema(), parse(query), undefined, {});
      for (const [maxCost, ok] of [[estimated, true], [estimated - 1, false]] as const) {
        const exact = await start({ maxCost });
        try {
          const res = await post(exact.url, query);
          expect(res.body.errors?.[0]?.extensions?.code).toBe(ok ? undefined : 'QUERY_TOO_COMPLEX');
          expect(res.body.extensions?.cost).toEqual(expect.objectContaining({ estimated, limit: maxCost }));
        } finally {
          await exact.stop();
        }
      }
    });

    it('runs every example operation within the default limits', async () => {
      // Mutation examples run as an admin (README, "Curating": admins may do what curators do), in
      // name order, as the playground lists them (curate-create-publication before curate-delete-publication).
      const admin = newApiKey(`limits-admin-${Date.now()}`, 'admin', null);
      await store.apiKeys.create(admin.record);
      for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.graphql')).sort()) {
        const query = readFileSync(join(EXAMPLES, file), 'utf8');
        const res = await post(server.url, query, {}, /^\s*mutation\b/m.test(query) ? { authorization: `Bearer ${admin.secret}` } : {});
        expect({ file, errors: res.body.errors }).toEqual({ file, errors: undefined });
        expect(Number(res.headers.get('x-kg-cost'))).toBeGreaterThan(0);
      }
    });

    it('reports the cost on every response, and only the cost with X-KG-Cost-Only', async () => {
      const res = await post(server.url, '{ themes { name } }');
      expect(res.body.extensions?.cost).toEqual(expect.objectContaining({ estimated: 52, limit: DEFAULT_LIMITS.maxCost }));
      expect(res.headers.get('x-kg-cost')).toBe('52');
      const only = await post(server.url, coauthors(5), {}, { 'x-kg-cost-only': '1' });
      expect(only.status).toBe(200);
      expect(only.body.data).toBeUndefined();
      expect(only.body.errors).toBeUndefined();
      expect(only.body.extensions?.cost.estimated).toBeGreaterThan(DEFAULT_LIMITS.maxCost);
      expect(only.headers.get('x-kg-round-trips')).toBe('0');
    });

    it('stops a response that passes the estimate but reads more objects than KG_MAX_RESPONSE_NODES', async () => {
      const capped = await start({ maxResponseNodes: 40 });
      try {
        const query = '{ countries(all: true) { name } }';
        const res = await post(capped.url, query);
        expect(res.body.errors).toHaveLength(1);
        expect(res.body.errors![0].extensions).toEqual(expect.objectContaining({ code: 'RESPONSE_TOO_LARGE', limit: 40 }));
        expect(res.body.data).toBeUndefined();
        expect(Number(res.headers.get('x-kg-cost'))).toBeLessThan(DEFAULT_LIMITS.maxCost);
        // A small one still works on the same server.
        expect((await post(capped.url, '{ theme(id: "gangs") { name } }')).body.errors).toBeUndefined();
      } finally {
        await capped.stop();
      }
    });

    it('stops a response over KG_MAX_RESPONSE_BYTES before sending any of it', async () => {
      const capped = await start({ maxResponseBytes: 2_000 });
      try {
        const res = await post(capped.url, '{ publications(first: 20) { nodes { title abstract } } }');
        expect(res.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'RESPONSE_TOO_LARGE', limit: 2_000, unit: 'bytes' }));
        expect(res.body.data).toBeUndefined();
      } finally {
        await capped.stop();
      }
    });

    it('runs heavy operations a few at a time: a full heavy lane answers 503 OVERLOADED at once, a light query never waits for it', async () => {
      // The first store call waits for the test's signal, so the first heavy operation holds the lane.
      let enter!: () => void;
      const entered = new Promise<void>((r) => (enter = r));
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      const gated = gatedStore(store, async () => {
        enter();
        await gate;
      });
      const server = await startServer({ store: gated, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1',
        limits: { ...DEFAULT_LIMITS, heavyCost: 50, maxHeavyConcurrent: 1, maxHeavyQueued: 0 } });
      try {
        const heavy = '{ themes { name } }'; // 52 points
        const first = post(server.url, heavy);
        await entered;
        const second = await post(server.url, heavy);
        expect(second.status).toBe(503);
        expect(second.body.errors?.[0]?.extensions).toMatchObject({ code: 'OVERLOADED', limit: 0, actual: 1 });
        expect(second.headers.get('retry-after')).toBe('1');
        expect(second.headers.get('x-kg-round-trips')).toBe('0');
        const light = await post(server.url, '{ theme(id: "Theme:gangs") { name } }'); // 3 points
        expect(light.status).toBe(200);
        expect(light.body.errors).toBeUndefined();
        open();
        const done = await first;
        expect(done.status).toBe(200);
        expect(done.body.errors).toBeUndefined();
        // The lane is free again.
        expect((await post(server.url, heavy)).status).toBe(200);
      } finally {
        open();
        await server.stop();
      }
    });

    it('gives a heavy operation that waits for the lane past its deadline a TIMEOUT, having read nothing', async () => {
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      let entered = false;
      const gated = gatedStore(store, async () => {
        entered = true;
        await gate;
      });
      const server = await startServer({ store: gated, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1',
        limits: { ...DEFAULT_LIMITS, heavyCost: 50, maxHeavyConcurrent: 1, maxHeavyQueued: 4, queryTimeoutMs: 300 } });
      try {
        const first = post(server.url, '{ themes { name } }');
        while (!entered) await new Promise((r) => setTimeout(r, 5));
        const waiting = await post(server.url, '{ themes { id } }');
        expect(waiting.status).toBe(503);
        expect(waiting.body.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
        expect(waiting.headers.get('x-kg-round-trips')).toBe('0');
        expect(waiting.ms).toBeGreaterThanOrEqual(250);
        open();
        // The first one's own deadline passed while it was held; it may answer TIMEOUT too, but it answers.
        expect([200, 504, 503]).toContain((await first).status);
      } finally {
        open();
        await server.stop();
      }
    });

    it('gives 429 with Retry-After once a client has spent its budget, then lets it recover', async () => {
      const budgeted = await start({ costBudgetPerMin: 120, budgetWindowMs: 1_500 });
      try {
        const query = '{ themes { name } }'; // 52 points
        expect((await post(budgeted.url, query)).status).toBe(200);
        const second = await post(budgeted.url, query);
        expect(second.status).toBe(200);
        expect(second.headers.get('ratelimit-remaining')).toBe('16');
        const over = await post(budgeted.url, query, {}, { accept: 'application/json' });
        expect(over.status).toBe(429);
        expect(over.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
        expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(over.headers.get('x-kg-round-trips')).toBe('0');
        await new Promise((r) => setTimeout(r, 1_600));
        expect((await post(budgeted.url, query)).status).toBe(200);
      } finally {
        await budgeted.stop();
      }
    });
  });
}

suite('embedded store', seededMemoryStore);

describeNeo4j('on Neo4j', () => {
  suite('Neo4j', async () => {
    await seedNeo4j();
    return new Neo4jStore(testRunner());
  });
});

describe('the embedded store holds one deadline per request', () => {
  let store: MemoryStore;
  beforeAll(async () => {
    const prepared = prepareImport([{ file: 'generated.txt', text: toListing(generateLibrary({ publications: 10_000, seed: 'abuse' })) }]);
    expect(prepared.problems).toEqual([]);
    store = new MemoryStore();
    await store.importPublications(prepared.records, prepared.reference);
  }, 120_000);
  afterAll(async () => store?.close());

  it('answers TIMEOUT once KG_QUERY_TIMEOUT_MS has passed, and starts no store work after it', async () => {
    const server = await startServer({ store, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1', limits: { ...DEFAULT_LIMITS, queryTimeoutMs: 1 } });
    try {
      const res = await post(server.url, '{ facets(first: 20) { themes { count theme { publications(first: 10) { nodes { authors { name } } } } } } }');
      const codes = new Set(res.body.errors?.map((e) => e.extensions?.code));
      expect([...codes]).toEqual(['TIMEOUT']);
      // facets itself may finish; the nested levels after the deadline never start.
      expect(Number(res.headers.get('x-kg-round-trips'))).toBeLessThanOrEqual(1);
    } finally {
      await server.stop();
    }
    const relaxed = await startServer({ store, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1', limits: DEFAULT_LIMITS });
    try {
      const ok = await post(relaxed.url, '{ facets(first: 5) { themes { count theme { name } } } }');
      expect(ok.body.errors).toBeUndefined();
    } finally {
      await relaxed.stop();
    }
  });
});
