import pino from 'pino';
import { startServer, type RunningServer } from '../../src/server/http.server';
import { limitsFromEnv, type LimitsConfig } from '../../src/server/limits/limits.config';
import type { MemoryStore } from '../../src/store/memory/memory.store';
import { seededMemoryStore } from '../helpers/memory';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';
const JSON_TYPE = 'application/json';

/** One raw exchange with the server: status, headers and the parsed body (or its text when it is not JSON). */
interface Exchange {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } & Record<string, unknown>;
}

async function exchange(url: string, init: RequestInit): Promise<Exchange> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: Exchange['body'];
  try {
    body = JSON.parse(text);
  } catch {
    body = { text };
  }
  return { status: res.status, headers: res.headers, body };
}

const post = (url: string, accept: string, payload: unknown): Promise<Exchange> =>
  exchange(url, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(payload) });

const get = (url: string, accept: string, query: string): Promise<Exchange> =>
  exchange(`${url}?query=${encodeURIComponent(query)}`, { headers: { accept } });

const codes = (e: Exchange): unknown[] => (e.body.errors ?? []).map((x) => x.extensions?.code);

describe('GraphQL over HTTP: media types and status codes (embedded store)', () => {
  let store: MemoryStore;
  const servers: RunningServer[] = [];
  let url: string;

  async function serve(overrides: Partial<LimitsConfig> = {}): Promise<string> {
    const server = await startServer({ store, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1', limits: limitsFromEnv({}, overrides) });
    servers.push(server);
    return server.url;
  }

  beforeAll(async () => {
    store = await seededMemoryStore();
    url = await serve();
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await store?.close();
  });

  describe('a request error (validation)', () => {
    const invalid = { query: '{ theme(id: "gangs") { noSuchField } }' };

    it(`is 400 with errors and no data for ${GRAPHQL_RESPONSE}`, async () => {
      const res = await post(url, GRAPHQL_RESPONSE, invalid);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe(`${GRAPHQL_RESPONSE}; charset=utf-8`);
      expect(res.body).not.toHaveProperty('data');
      expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(res.body.errors![0].message).toMatch(/Cannot query field "noSuchField" on type "Theme"/);
    });

    it(`is 200 with errors and no data for ${JSON_TYPE} only`, async () => {
      const res = await post(url, JSON_TYPE, invalid);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(`${JSON_TYPE}; charset=utf-8`);
      expect(res.body).not.toHaveProperty('data');
      expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    });

    it('follows the negotiated type: the higher q, else the first listed, else application/json', async () => {
      const statuses = await Promise.all(
        [`${JSON_TYPE};q=0.9, ${GRAPHQL_RESPONSE}`, `${GRAPHQL_RESPONSE}, ${JSON_TYPE}`, `${JSON_TYPE}, ${GRAPHQL_RESPONSE}`, '*/*', 'application/*']
          .map(async (accept) => [accept, (await post(url, accept, invalid)).status]),
      );
      expect(statuses).toEqual([
        [`${JSON_TYPE};q=0.9, ${GRAPHQL_RESPONSE}`, 400],
        [`${GRAPHQL_RESPONSE}, ${JSON_TYPE}`, 400],
        [`${JSON_TYPE}, ${GRAPHQL_RESPONSE}`, 200],
        ['*/*', 200],
        ['application/*', 200],
      ]);
    });

    it('keeps the X-KG-Round-Trips and Server-Timing headers, and no stack trace', async () => {
      const res = await post(url, GRAPHQL_RESPONSE, invalid);
      expect(res.headers.get('x-kg-round-trips')).toBe('0');
      expect(res.headers.get('server-timing')).toMatch(/^total;dur=[\d.]+, db;desc="0 round trips"$/);
      expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|\.ts:\d+/);
    });
  });

  it.each([
    ['a parse error', { query: '{ theme(' }, 'GRAPHQL_PARSE_FAILED'],
    ['an unknown operation name', { query: 'query A { __typename }', operationName: 'B' }, 'OPERATION_RESOLUTION_FAILURE'],
  ])('answers %s like any request error: 400 or 200 by Accept, never data', async (_name, payload, code) => {
    const strict = await post(url, GRAPHQL_RESPONSE, payload);
    const legacy = await post(url, JSON_TYPE, payload);
    expect([strict.status, codes(strict), 'data' in strict.body]).toEqual([400, [code], false]);
    expect([legacy.status, codes(legacy), 'data' in legacy.body]).toEqual([200, [code], false]);
  });

  // The variable is used, so it is the limits plugin's pricing that meets it first; it must leave it to Apollo.
  it('answers a variable that does not coerce like any request error: 400 or 200 by Accept, never data', async () => {
    const payload = { query: 'query ($id: ID!) { theme(id: $id) { id } }', variables: { id: null } };
    const strict = await post(url, GRAPHQL_RESPONSE, payload);
    const legacy = await post(url, JSON_TYPE, payload);
    expect([strict.status, codes(strict), 'data' in strict.body]).toEqual([400, ['BAD_USER_INPUT'], false]);
    expect([legacy.status, codes(legacy), 'data' in legacy.body]).toEqual([200, ['BAD_USER_INPUT'], false]);
  });

  it('answers a limit refusal (TOO_MANY_ALIASES) 400 or 200 by Accept', async () => {
    const strictUrl = await serve({ maxAliases: 1 });
    const query = '{ a: theme(id: "gangs") { id } b: theme(id: "gangs") { id } }';
    const strict = await post(strictUrl, GRAPHQL_RESPONSE, { query });
    const legacy = await post(strictUrl, JSON_TYPE, { query });
    expect([strict.status, codes(strict), 'data' in strict.body]).toEqual([400, ['TOO_MANY_ALIASES'], false]);
    expect([legacy.status, codes(legacy), 'data' in legacy.body]).toEqual([200, ['TOO_MANY_ALIASES'], false]);
  });

  it('keeps 429 and Retry-After for a client over its budget, whatever the Accept', async () => {
    const stingy = await serve({ costBudgetPerMin: 1 });
    const query = '{ themes { id name } }';
    const answers = [];
    for (const accept of [GRAPHQL_RESPONSE, JSON_TYPE, JSON_TYPE, GRAPHQL_RESPONSE]) answers.push(await post(stingy, accept, { query }));
    const refused = answers.filter((a) => codes(a).includes('RATE_LIMITED'));
    expect(refused.length).toBeGreaterThanOrEqual(3);
    for (const a of refused) {
      expect(a.status).toBe(429);
      expect(Number(a.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect(new Set(refused.map((a) => a.headers.get('content-type')))).toEqual(new Set([`${GRAPHQL_RESPONSE}; charset=utf-8`, `${JSON_TYPE}; charset=utf-8`]));
  });

  it('answers 400 to a body that is not JSON, whatever the Accept', async () => {
    for (const accept of [GRAPHQL_RESPONSE, JSON_TYPE]) {
      const res = await exchange(url, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: '{ "query": ' });
      expect([res.status, codes(res)]).toEqual([400, ['BAD_REQUEST']]);
    }
  });

  it('runs a valid query with 200 and data for either type', async () => {
    for (const accept of [GRAPHQL_RESPONSE, JSON_TYPE]) {
      const res = await post(url, accept, { query: '{ theme(id: "gangs") { name } }' });
      expect([res.status, res.body.data]).toEqual([200, { theme: { name: 'Gangs' } }]);
      expect(res.headers.get('content-type')).toBe(`${accept}; charset=utf-8`);
    }
  });

  describe('POST bodies that are not declared JSON are refused with 415 before anything runs', () => {
    it.each([
      ['text/plain (a cross-site "simple" request)', 'text/plain;charset=UTF-8', JSON.stringify({ query: '{ __typename }' })],
      ['a form post', 'application/x-www-form-urlencoded', 'query=%7B__typename%7D'],
      ['a multipart form', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ __typename }\r\n--x--\r\n'],
      ['application/graphql', 'application/graphql', '{ __typename }'],
      ['JSON in another charset', 'application/json; charset=iso-8859-1', JSON.stringify({ query: '{ __typename }' })],
    ])('%s', async (_name, contentType, body) => {
      const res = await exchange(url, { method: 'POST', headers: { 'content-type': contentType, accept: GRAPHQL_RESPONSE }, body });
      expect(res.status).toBe(415);
      expect(codes(res)).toEqual(['BAD_REQUEST']);
      expect(res.body.errors![0].message).toMatch(/application\/json/);
      expect(res.headers.get('content-type')).toBe(`${GRAPHQL_RESPONSE}; charset=utf-8`);
      expect(res.headers.get('x-kg-round-trips')).toBeNull();
    });

    it('with no Content-Type at all', async () => {
      // A byte body makes fetch send no Content-Type.
      const res = await exchange(url, { method: 'POST', body: new TextEncoder().encode(JSON.stringify({ query: '{ __typename }' })) });
      expect([res.status, codes(res)]).toEqual([415, ['BAD_REQUEST']]);
      expect(res.body.errors![0].message).toMatch(/no Content-Type/);
    });

    it('but accepts application/json with charset=utf-8, in any case', async () => {
      const res = await exchange(url, { method: 'POST', headers: { 'content-type': 'Application/JSON; Charset="UTF-8"' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect([res.status, res.body.data]).toEqual([200, { __typename: 'Query' }]);
    });
  });

  describe('GET', () => {
    it('runs queries, with CORS headers for a browser on another origin', async () => {
      const res = await exchange(`${url}?query=${encodeURIComponent('{ theme(id: "gangs") { id } }')}`, { headers: { origin: 'https://dashboard.example.org' } });
      expect([res.status, res.body.data]).toEqual([200, { theme: { id: 'Theme:gangs' } }]);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('x-kg-round-trips')).not.toBeNull();
    });

    it.each([GRAPHQL_RESPONSE, JSON_TYPE])('refuses a mutation with 405 and Allow: POST (Accept %s)', async (accept) => {
      const res = await get(url, accept, 'mutation { x }');
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      expect(res.body).not.toHaveProperty('data');
      expect(res.body.errors![0].message).toMatch(/GET requests only run queries, not mutation operations/);
    });

    it('refuses the mutation an operationName picks out of a document, and runs the query it picks', async () => {
      const doc = 'query Q { __typename } mutation M { revokeApiKey(name: "x") { name } }';
      const mutation = await exchange(`${url}?query=${encodeURIComponent(doc)}&operationName=M`, { headers: { accept: GRAPHQL_RESPONSE } });
      const query = await exchange(`${url}?query=${encodeURIComponent(doc)}&operationName=Q`, { headers: { accept: GRAPHQL_RESPONSE } });
      expect(mutation.status).toBe(405);
      expect([query.status, query.body.data]).toEqual([200, { __typename: 'Query' }]);
    });

    it('answers a syntax error as a request error, not as a refused method', async () => {
      expect((await get(url, GRAPHQL_RESPONSE, 'mutation {')).status).toBe(400);
      expect((await get(url, JSON_TYPE, 'mutation {')).status).toBe(200);
    });
  });

  it('refuses other methods with 405 and Allow: GET, POST', async () => {
    const res = await exchange(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect([res.status, res.headers.get('allow'), codes(res)]).toEqual([405, 'GET, POST', ['BAD_REQUEST']]);
  });
});
