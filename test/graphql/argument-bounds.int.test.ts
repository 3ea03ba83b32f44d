import { prepareImport } from '../../src/ingest/prepare-import';
import type { RunningServer } from '../../src/server/http.server';
import { MemoryStore } from '../../src/store/memory/memory.store';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import type { GraphStore } from '../../src/store/store';
import { ApiResponse, gql, startTestServer } from '../helpers/api';
import { describeNeo4j, seedNeo4j, testRunner } from '../helpers/neo4j';
import { seedListingText } from '../helpers/seed';

/** 900 kB: far past every bound, still under the 1 MB request body limit. */
const HUGE = 'x'.repeat(900_000);

/**
 * POSTs asking for application/graphql-response+json, under which a request error is a 400
 * (plain application/json answers them 200, as GraphQL over HTTP says).
 */
async function post(url: string, query: string, variables: Record<string, unknown> = {}): Promise<ApiResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, any>; errors?: ApiResponse['errors'] };
  return { status: res.status, data: body.data ?? undefined, errors: body.errors, roundTrips: Number(res.headers.get('x-kg-round-trips')), headers: res.headers };
}

function expectRefused(res: ApiResponse, argument: string, message: string): void {
  expect(res.status).toBe(400);
  expect(res.data).toBeUndefined();
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument });
  expect(res.errors![0].message).toContain(`${argument}: ${message}`);
  expect(res.headers.get('x-kg-round-trips')).toBe('0');
}

/** The same cases on every store: refused before any store call, and values at the maxima still answered. */
function boundsOverHttp(start: () => Promise<{ server: RunningServer; close(): Promise<void> }>): void {
  let server: RunningServer;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ server, close } = await start());
  });
  afterAll(async () => {
    await server?.stop();
    await close?.();
  });

  it('refuses 51 ids in filter.countries, naming filter.countries, before any store call', async () => {
    const countries = Array.from({ length: 51 }, () => 'BD');
    expectRefused(await post(server.url, 'query($f: PublicationFilterInput) { publications(filter: $f) { totalCount } }', { f: { countries } }), 'filter.countries', 'at most 50 items, got 51');
    expectRefused(await post(server.url, `{ facets(filter: { countries: ${JSON.stringify(countries)} }) { total } }`), 'filter.countries', 'at most 50 items, got 51');
  });

  it('refuses 900 kB strings in nameContains, country(name:) and node(id:), literal or variable', async () => {
    expectRefused(await post(server.url, 'query($n: String) { authors(nameContains: $n) { totalCount } }', { n: HUGE }), 'nameContains', 'at most 200 characters, got 900000');
    expectRefused(await post(server.url, 'query($n: String) { country(name: $n) { id } }', { n: HUGE }), 'name', 'at most 100 characters, got 900000');
    expectRefused(await post(server.url, 'query($id: ID!) { node(id: $id) { id } }', { id: HUGE }), 'id', 'at most 300 characters, got 900000');
    expectRefused(await post(server.url, `{ node(id: "${HUGE}") { id } }`), 'id', 'at most 300 characters, got 900000');
  });

  it('refuses under plain application/json too, with the same error', async () => {
    const res = await gql(server.url, 'query($n: String) { authors(nameContains: $n) { totalCount } }', { n: HUGE });
    expect(res.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'nameContains' });
    expect(res.headers.get('x-kg-round-trips')).toBe('0');
  });

  it('answers values at the maxima', async () => {
    const res = await post(server.url, `query($f: PublicationFilterInput, $n: String, $c: String, $id: ID!, $q: String!) {
      publications(filter: $f) { totalCount }
      authors(nameContains: $n) { totalCount }
      country(name: $c) { id }
      node(id: $id) { id }
      search(query: $q) { score }
    }`, {
      f: { countries: Array.from({ length: 50 }, () => 'BD') },
      n: 'x'.repeat(200), c: 'y'.repeat(100), id: `Theme:${'z'.repeat(294)}`, q: 'q'.repeat(200),
    });
    expect(res.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.data!.publications.totalCount).toBeGreaterThanOrEqual(1);
    expect(res.data).toMatchObject({ authors: { totalCount: 0 }, country: null, node: null, search: [] });
  });
}

describe('argument bounds over HTTP on the embedded store (seed listing)', () => {
  boundsOverHttp(async () => {
    const store = new MemoryStore();
    const prepared = prepareImport([{ file: 'seed.txt', text: seedListingText() }]);
    await store.importPublications(prepared.records, prepared.reference);
    return serve(store);
  });
});

describeNeo4j('argument bounds over HTTP on the real Neo4j (seed listing)', () => {
  boundsOverHttp(async () => {
    await seedNeo4j();
    return serve(new Neo4jStore(testRunner()));
  });
});

async function serve(store: GraphStore): Promise<{ server: RunningServer; close(): Promise<void> }> {
  return { server: await startTestServer(store), close: () => store.close() };
}
