import 'reflect-metadata';
import pino from 'pino';
import { newApiKey } from '../../src/domain/api-key.secret';
import { accessFromEnv } from '../../src/server/access/access.config';
import { startServer, type RunningServer } from '../../src/server/http.server';
import { limitsFromEnv } from '../../src/server/limits/limits.config';
import type { GraphStore } from '../../src/store/store';
import { serveWithKeys } from '../helpers/api';
import { seedAndExtraStore } from '../helpers/memory';
import { describeNeo4j } from '../helpers/neo4j';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, any> }[]; extensions?: Record<string, any> };
}

const IOM = 'Publication:iom-case-data-analysis-human-trafficking';
const PAGE = `query Page($id: ID!) { publication(id: $id) { id title themes { theme { id } source } } facets(first: 5) { themes { theme { id } count } } }`;
const REJECT = `mutation($p: ID!, $t: ID!) { setPublicationTheme(publication: $p, theme: $t, decision: REJECTED, note: "cache test") { publication { id } } }`;
const CLEAR = `mutation($p: ID!, $t: ID!) { clearPublicationTheme(publication: $p, theme: $t) { publication { id } } }`;

async function post(url: string, query: string, variables: Record<string, unknown> = {}, key?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : {} };
}

async function get(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const u = new URL(url);
  u.searchParams.set('query', query);
  u.searchParams.set('variables', JSON.stringify(variables));
  const res = await fetch(u, { headers: { accept: 'application/graphql-response+json', ...headers } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : {} };
}

const roundTrips = (a: Answer) => Number(a.headers.get('x-kg-round-trips'));
const cache = (a: Answer) => a.headers.get('x-kg-cache');

/**
 * Sends the request until the cache takes part (at most 5 s): the Neo4j adapter vouches for a
 * graph version only once its background read has seen the graph, and again after each write.
 */
async function untilCached(send: () => Promise<Answer>): Promise<Answer> {
  const until = Date.now() + 5000;
  for (;;) {
    const answer = await send();
    if (cache(answer) !== 'bypass' || Date.now() > until) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function describeResponseCache(kind: string, open: () => Promise<{ store: GraphStore; close: () => Promise<void> }>): void {
  describe(`the response cache (${kind} store)`, () => {
    let store: GraphStore;
    let close: () => Promise<void>;
    let server: RunningServer;
    let curator: string;
    let reader: string;

    beforeAll(async () => {
      ({ store, close } = await open());
      ({ server, curator, reader } = await serveWithKeys(store, { curator: `cache-curator-${kind}`, reader: `cache-reader-${kind}` }));
    });
    afterAll(async () => {
      await server?.stop();
      await close?.();
    });

    it('answers a repeated read from memory: the same data, no round trip, a fresh cost and budget', async () => {
      const first = await untilCached(() => post(server.url, PAGE, { id: IOM }));
      expect(cache(first)).toBe('miss');
      expect(roundTrips(first)).toBeGreaterThan(0);
      const second = await post(server.url, PAGE, { id: IOM });
      expect(cache(second)).toBe('hit');
      expect(roundTrips(second)).toBe(0);
      expect(second.body.data).toEqual(first.body.data);
      expect(second.body.extensions?.cost).toMatchObject({ estimated: first.body.extensions?.cost.estimated });
      // The hit passed the same limits: its cost was spent from the same budget.
      expect(Number(second.headers.get('ratelimit-remaining'))).toBeLessThan(Number(first.headers.get('ratelimit-remaining')));
    });

    it('keeps answers apart by variables and by access level', async () => {
      const other = await post(server.url, PAGE, { id: 'Publication:unknown' });
      expect(cache(other)).toBe('miss');
      const asReader = await post(server.url, PAGE, { id: IOM }, reader);
      expect(cache(asReader)).toBe('miss');
      expect(cache(await post(server.url, PAGE, { id: IOM }, reader))).toBe('hit');
    });

    it('never keeps a mutation, or an answer about the caller', async () => {
      const me = await post(server.url, '{ me { name roles } }', {}, reader);
      expect(cache(me)).toBe('bypass');
      expect(cache(await post(server.url, '{ me { name roles } }', {}, reader))).toBe('bypass');
      expect(cache(await post(server.url, 'query Who { ...W } fragment W on Query { me { name } }', {}, reader))).toBe('bypass');
    });

    it('drops every kept answer once a write moves the graph version, without waiting', async () => {
      const before = await untilCached(() => post(server.url, PAGE, { id: IOM }));
      expect(['hit', 'miss']).toContain(cache(before));
      const theme = before.body.data!.publication.themes[0].theme.id as string;
      const write = await post(server.url, REJECT, { p: IOM, t: theme }, curator);
      expect(write.body.errors).toBeUndefined();
      expect(cache(write)).toBe('bypass');
      // The very next read runs again and sees the write.
      const after = await post(server.url, PAGE, { id: IOM });
      expect(cache(after)).not.toBe('hit');
      expect(roundTrips(after)).toBeGreaterThan(0);
      expect(after.body.data!.publication.themes.map((t: any) => t.theme.id)).not.toContain(theme);
      await post(server.url, CLEAR, { p: IOM, t: theme }, curator);
      const restored = await post(server.url, PAGE, { id: IOM });
      expect(cache(restored)).not.toBe('hit');
      expect(restored.body.data!.publication.themes.map((t: any) => t.theme.id)).toContain(theme);
    });

    it('gives a GET answer an ETag and Cache-Control, and a matching If-None-Match a 304 without running it', async () => {
      const first = await untilCached(() => get(server.url, PAGE, { id: IOM }));
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^W\/".+"$/);
      expect(first.headers.get('cache-control')).toBe('public, no-cache');
      const again = await get(server.url, PAGE, { id: IOM }, { 'if-none-match': etag! });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      expect(roundTrips(again)).toBe(0);
      expect(again.headers.get('etag')).toBe(etag);
      // Another caller's If-None-Match of another ETag gets the whole answer.
      const other = await get(server.url, PAGE, { id: IOM }, { 'if-none-match': 'W/"something-else"' });
      expect(other.status).toBe(200);
      expect(other.body.data).toEqual(first.body.data);
      // Authenticated callers' answers are private to them.
      const mine = await untilCached(() => get(server.url, PAGE, { id: IOM }, { authorization: `Bearer ${reader}` }));
      expect(mine.headers.get('cache-control')).toBe('private, no-cache');
      // A GET answer about the caller is never stored by anyone.
      const me = await get(server.url, '{ me { name } }', {}, { authorization: `Bearer ${reader}` });
      expect(me.headers.get('cache-control')).toBe('no-store');
      expect(me.headers.get('etag')).toBeNull();
    });

    it('gives a new ETag after a write, so a client\'s old copy is refused as stale', async () => {
      const first = await untilCached(() => get(server.url, PAGE, { id: IOM }));
      const etag = first.headers.get('etag')!;
      const theme = first.body.data!.publication.themes[0].theme.id as string;
      await post(server.url, REJECT, { p: IOM, t: theme }, curator);
      const after = await untilCached(() => get(server.url, PAGE, { id: IOM }, { 'if-none-match': etag }));
      expect(after.status).toBe(200);
      expect(after.headers.get('etag')).not.toBe(etag);
      await post(server.url, CLEAR, { p: IOM, t: theme }, curator);
    });
  });
}

describe('the response cache\'s memory bound (embedded store)', () => {
  let store: GraphStore;
  let close: () => Promise<void>;
  let server: RunningServer;
  beforeAll(async () => {
    ({ store, close } = await seedAndExtraStore('embedded'));
    server = await startServer({
      store, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1', limits: limitsFromEnv({}), access: accessFromEnv({}),
      responseCache: { maxBytes: 30_000, maxEntryBytes: 2_000 },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await close?.();
  });
  const SMALL = 'query($first: Int!) { themes { id } search(query: "trafficking", first: $first) { node { id } } }';

  it('keeps at most its bound, dropping the least recently used, and never an answer over the entry bound', async () => {
    // Each answer is under 2 KB of JSON, held at about 3 times that: some fit in 30 KB, not all 20.
    const sizes: number[] = [];
    for (let first = 1; first <= 20; first++) {
      const a = await post(server.url, SMALL, { first });
      expect(cache(a)).toBe('miss');
      sizes.push(JSON.stringify(a.body.data).length);
    }
    expect(Math.max(...sizes)).toBeLessThan(2_000);
    expect(sizes.reduce((a, b) => a + b, 0) * 3).toBeGreaterThan(30_000);
    expect(cache(await post(server.url, SMALL, { first: 20 }))).toBe('hit');
    expect(cache(await post(server.url, SMALL, { first: 1 }))).toBe('miss');
    // An answer over KG_RESPONSE_CACHE_MAX_ENTRY_KB is answered but never kept.
    const big = '{ publications(first: 50) { nodes { id title abstract } } }';
    const once = await post(server.url, big);
    expect(JSON.stringify(once.body.data).length).toBeGreaterThan(2_000);
    expect(cache(await post(server.url, big))).toBe('miss');
  });
});

describeResponseCache('embedded', () => seedAndExtraStore('embedded'));

describeNeo4j('the response cache on Neo4j', () => {
  describeResponseCache('neo4j', () => seedAndExtraStore('neo4j'));
});
