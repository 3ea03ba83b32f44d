import type { FastifyInstance } from 'fastify';

/** Whether `kg serve` warms the API up before it listens (`KG_WARM_UP`, default on; `0` turns it off). */
export function warmUpFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = (env.KG_WARM_UP ?? '').trim().toLowerCase();
  if (raw === '' || raw === '1' || raw === 'true' || raw === 'on') return true;
  if (raw === '0' || raw === 'false' || raw === 'off') return false;
  throw new Error(`KG_WARM_UP must be 1 or 0, not ${JSON.stringify(env.KG_WARM_UP)}`);
}

/**
 * Read operations like the ones dashboards and analysts send first: a page with its authors,
 * places and themes, facets, a theme matrix, search, typeahead, a neighbourhood and the theme
 * network. Each is small (`$n` is 1 to 3), and each round varies `$n` (and `$year`), so no answer comes from the
 * response cache and every round runs the resolvers and the store.
 */
const OPERATIONS: readonly string[] = [
  'query WarmUp($n: Int!) { publications(first: $n) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title year scope language authors { id name } countries { iso2 name } regions { name } themes { theme { slug name } score evidence } } } } }',
  'query WarmUp($n: Int!, $year: Int!) { facets(first: $n, filter: { yearFrom: $year, yearTo: $year }) { total themes { theme { name } count } countries { country { name } count } regions { region { name } count } authors { author { name } count } years { year count } scopes { scope count } languages { language count } } }',
  'query WarmUp($year: Int!) { themeMatrix(placeLevel: COUNTRY, filter: { yearFrom: $year, yearTo: $year }) { publicationCount cells { theme place count } rows { theme { name } total } } }',
  'query WarmUp($n: Int!) { search(query: "child trafficking", first: $n) { score node { id } } suggest(prefix: "ch", first: $n) { id label type rank } }',
  'query WarmUp($n: Int!) { themes { id } neighborhood(ids: ["Region:world"], depth: 1, limit: $n) { truncated nodes { id label type degree } edges { id source target type } } }',
  'query WarmUp($n: Int!, $year: Int!) { themeGraph(minCount: $n, filter: { yearFrom: $year, yearTo: $year }) { nodes { count theme { name } } edges { source target count } } }',
];

/** Rounds of the operations: V8 compiles a function's optimised code only after it has run a few times. */
const ROUNDS = 3;

/** The warm-up stops starting requests after this long, whatever the store's size. */
const MAX_MS = 5_000;

/**
 * Runs a few rounds of small read operations through the whole HTTP route (Fastify's inject: access,
 * limits, cache, Apollo, resolvers, loaders, store), before the server listens.
 *
 * On a fresh process every code path is cold: the first requests are interpreted, not compiled, and
 * build the lazy parts of the schema, the validators and the store's indexes. A dashboard that opens
 * just after a restart then waits for all of that. Measured on a 10,000-publication library: the
 * first facets request took 378 ms, its third 93 ms; and a small query sent beside a first burst of
 * heavy ones waited 0.5 s here and 1.75 s on CI, while every later one waited at most 60 ms.
 *
 * It is bounded: at most three rounds of six small operations, no request started after 5 s, and
 * none after the first failure. A failure is logged and never stops the server: the requests users
 * send decide. With `KG_AUTH_READS=authenticated` the first request is refused, which ends it.
 */
export async function warmUp(app: FastifyInstance, endpointPath: string, log: (fields: Record<string, unknown>, message: string) => void): Promise<void> {
  const started = performance.now();
  let failed = 0;
  let firstError: string | undefined;
  let sent = 0;
  let cacheHits = 0;
  // The first failure ends it: a store that is down (or reads that need a credential) fails every
  // request alike, and start-up should not wait for each of them.
  rounds: for (let round = 1; round <= ROUNDS; round++) {
    for (const query of OPERATIONS) {
      if (failed > 0 || performance.now() - started > MAX_MS) break rounds;
      sent++;
      try {
        const res = await app.inject({ method: 'POST', url: endpointPath, remoteAddress: '127.0.0.1', headers: { 'content-type': 'application/json', accept: 'application/json' }, payload: JSON.stringify({ query, variables: { n: round, year: 2017 + round } }) });
        if (res.headers['x-kg-cache'] === 'hit') cacheHits++;
        const errors = (res.json() as { errors?: { message: string }[] }).errors;
        if (res.statusCode !== 200 || errors?.length) {
          failed++;
          firstError ??= errors?.[0]?.message ?? `status ${res.statusCode}`;
        }
      } catch (err) {
        failed++;
        firstError ??= (err as Error).message;
      }
    }
  }
  log({ ms: Math.round(performance.now() - started), requests: sent, failed, cacheHits, ...(firstError ? { firstError } : {}) }, 'warmed up the API before listening');
}
