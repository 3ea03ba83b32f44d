import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import autocannon from 'autocannon';
import neo4j, { Driver } from 'neo4j-driver';
import { startNeo4j, type LocalNeo4j } from '../test/neo4j/neo4j-server';
import { OpParams, Operation, OPERATIONS } from './operations';

/**
 * The benchmark: `npm run bench` (full) or `npm run bench -- --quick` (smoke). See docs/benchmarks.md.
 *
 * Uses NEO4J_URI when set (and refuses to touch a non-empty database without --wipe), else starts
 * the test setup's Neo4j. For each size: wipes, migrates, `kg generate` (seeded) and `kg import`
 * (timed: the import rate), then starts the targets as child processes (this server with
 * --store neo4j, cold with its response cache off and warm with it on; @neo4j/graphql 7; raw
 * Cypher over HTTP), checks that every operation's answers agree across them, and loads each (operation, target) with autocannon at a fixed
 * concurrency for a fixed time after a warm-up, rotating the target order per operation.
 */

const execFileP = promisify(execFile);
type AutocannonResult = Parameters<Parameters<typeof autocannon>[1]>[1];
const ROOT = findRoot();
const KG = join(ROOT, 'dist', 'src', 'cli', 'kg.js');
const TARGET_SERVER = join(__dirname, 'target-server.js');

// `kg` runs with its response cache off, so every figure of it is cold (each request runs); `kg-warm`
// is the same server with the cache on, a dashboard's repeat visit, reported in columns of its own.
export type TargetName = 'kg' | 'kg-warm' | 'neo4j-graphql' | 'cypher';
export const TARGETS: readonly TargetName[] = ['kg', 'kg-warm', 'neo4j-graphql', 'cypher'];

export interface BenchOptions {
  readonly sizes: number[];
  readonly seed: string;
  readonly durationS: number;
  readonly warmupS: number;
  readonly connections: number;
  readonly wipe: boolean;
  readonly timeoutS: number;
  readonly out: string;
  readonly heap: string;
  /** The bench's own Neo4j page cache, MB. */
  readonly pageCacheMb: number;
}

export interface LoadResult {
  readonly size: number;
  readonly op: string;
  readonly target: TargetName;
  readonly requests: number;
  readonly rps: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly errors: number;
  /** Cypher round trips per request: counted by this server (X-KG-Round-Trips); 1 by construction for the others. */
  readonly roundTrips: number;
  /** The target process's peak and mean resident memory during the timed window, MB. */
  readonly rssMaxMb: number;
  readonly rssMeanMb: number;
}

export interface ImportResult {
  readonly size: number;
  readonly seconds: number;
  readonly rate: number;
  readonly generateSeconds: number;
}

export interface BenchResult {
  readonly startedAt: string;
  readonly options: BenchOptions;
  readonly machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; neo4j: string };
  readonly imports: ImportResult[];
  /** Per size and operation: whether the targets' answers agreed (checked before timing). */
  readonly agreement: { size: number; op: string; agreed: boolean; targets: TargetName[] }[];
  readonly params: Record<number, OpParams>;
  readonly loads: LoadResult[];
}

const say = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const children: ChildProcess[] = [];
  const hardStop = setTimeout(() => {
    say(`run exceeded --timeout ${options.timeoutS}s; stopping`);
    for (const c of children) c.kill('SIGKILL');
    process.exit(3);
  }, options.timeoutS * 1000);
  const { own: ownNeo4j, env, driver, logDir } = await openBenchNeo4j(options, say);
  try {
    const version = await neo4jVersion(driver);
    const result: BenchResult = {
      startedAt: new Date().toISOString(),
      options,
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, neo4j: version },
      imports: [], agreement: [], params: {}, loads: [],
    };
    for (const size of options.sizes) {
      result.imports.push(await importLibrary({ driver, env, logDir }, size, options.seed, options.wipe || !!ownNeo4j, say));

      const params = await pickParams(driver);
      result.params[size] = params;
      const servers = await startTargets(env, children, logDir);
      try {
        for (const op of OPERATIONS) {
          const agreed = await checkAgreement(op, params, servers);
          result.agreement.push({ size, op: op.name, agreed: true, targets: [...TARGETS] });
          void agreed;
        }
        say(`answers agree across ${TARGETS.join(', ')} for ${OPERATIONS.length} operations`);
        for (const [i, op] of OPERATIONS.entries()) {
          const roundTrips = await kgRoundTrips(op, params, servers.kg.url);
          // Rotate the order per operation so that drift does not always favour the same target.
          const order = TARGETS.map((_, k) => TARGETS[(i + k) % TARGETS.length]);
          for (const target of order) {
            const load = await measure(op, params, target, servers[target], options);
            const row: LoadResult = { size, op: op.name, target, roundTrips: target === 'kg' ? roundTrips : target === 'kg-warm' ? await kgRoundTrips(op, params, servers['kg-warm'].url) : 1, ...load };
            result.loads.push(row);
            say(`${size} ${op.name} ${target}: ${row.rps.toFixed(0)} req/s p50 ${row.p50.toFixed(1)} ms p99 ${row.p99.toFixed(1)} ms errors ${row.errors} rss ${row.rssMaxMb.toFixed(0)} MB`);
          }
        }
      } finally {
        await stopTargets(servers);
      }
      // Written after every size, so a failure at a later size keeps what was measured.
      writeFileSync(options.out, JSON.stringify(result, null, 2));
    }
    return result;
  } finally {
    clearTimeout(hardStop);
    await driver.close();
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await ownNeo4j?.stop();
  }
}

/**
 * Wipes (when allowed), migrates, generates the seeded library once (kept in `logDir`) and imports
 * it with `kg import`, timed; throws unless the graph then holds exactly `size` publications.
 */
export async function importLibrary(neo: Pick<BenchNeo4j, 'driver' | 'env' | 'logDir'>, size: number, seed: string, wipeAllowed: boolean, say: (line: string) => void): Promise<ImportResult> {
  const { driver, env, logDir } = neo;
  await wipe(driver, wipeAllowed);
  await execFileP(process.execPath, [KG, 'db', 'migrate'], { env });
  const file = join(logDir, `library-${size}-${seed}.txt`);
  const g0 = Date.now();
  if (!existsSync(file)) await execFileP(process.execPath, [KG, 'generate', '--publications', String(size), '--seed', seed, file], { env });
  const generateSeconds = (Date.now() - g0) / 1000;
  say(`importing ${size.toLocaleString('en-US')} publications`);
  const t0 = Date.now();
  await execFileP(process.execPath, [KG, 'import', file], { env, maxBuffer: 64 << 20 });
  const seconds = (Date.now() - t0) / 1000;
  const imported = (await driver.executeQuery('MATCH (p:Publication) RETURN count(p) AS n')).records[0].get('n') as number;
  if (imported !== size) throw new Error(`imported ${imported} publications, expected ${size}`);
  say(`imported ${size} in ${seconds.toFixed(1)} s (${Math.round(size / seconds)}/s)`);
  return { size, seconds, rate: size / seconds, generateSeconds };
}

/** Deletes the graph when allowed; refuses to run on a non-empty database it may not wipe. */
/** The benchmark's Neo4j: NEO4J_URI's, or the test setup's started here (`own`, to stop afterwards). */
export interface BenchNeo4j {
  readonly own: LocalNeo4j | null;
  /** This process's environment with NEO4J_URI set, for the targets and kg commands. */
  readonly env: NodeJS.ProcessEnv;
  readonly driver: Driver;
  /** `.cache/bench`, created: generated libraries and the targets' logs. */
  readonly logDir: string;
}

/** Connects to NEO4J_URI, or starts the test setup's Neo4j when it is unset. */
export async function openBenchNeo4j(options: { heap: string; pageCacheMb: number }, say: (line: string) => void): Promise<BenchNeo4j> {
  let own: LocalNeo4j | null = null;
  let uri = process.env.NEO4J_URI;
  if (!uri) {
    say('NEO4J_URI not set: starting the test setup\'s Neo4j');
    own = await startNeo4j({ heap: options.heap, pageCacheMb: options.pageCacheMb, timeoutMs: 180_000, log: say });
    uri = own.uri;
  }
  const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_URI: uri };
  const auth = env.NEO4J_USER ? neo4j.auth.basic(env.NEO4J_USER, env.NEO4J_PASSWORD ?? '') : undefined;
  const driver = neo4j.driver(uri, auth, { disableLosslessIntegers: true });
  const logDir = join(ROOT, '.cache', 'bench');
  mkdirSync(logDir, { recursive: true });
  return { own, env, driver, logDir };
}

/** The server's name, version and edition, for the results' machine line. */
export async function neo4jVersion(driver: Driver): Promise<string> {
  return (await driver.executeQuery('CALL dbms.components() YIELD name, versions, edition RETURN name + " " + versions[0] + " " + edition AS v')).records[0].get('v') as string;
}

export async function wipe(driver: Driver, allowed: boolean): Promise<void> {
  const n = (await driver.executeQuery('MATCH (n) RETURN count(n) AS n')).records[0].get('n') as number;
  if (n === 0) return;
  if (!allowed) throw new Error(`the database at NEO4J_URI holds ${n} nodes; pass --wipe to let the bench delete them`);
  const session = driver.session();
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

/**
 * Picks the operations' arguments from the data: the most covered country, the largest theme, the
 * least covered country; the matrix's most published themes and most covered countries (from the
 * page's year on); and the typeahead prefix, the first letters of the most covered country's name.
 */
export async function pickParams(driver: Driver): Promise<OpParams> {
  const pageYearFrom = 2015;
  const ids = async (q: string, params: Record<string, unknown> = {}): Promise<string[]> =>
    (await driver.executeQuery(q, params)).records.map((r) => r.get('id') as string);
  const one = async (q: string, params: Record<string, unknown> = {}): Promise<string> => (await ids(q, params))[0];
  const country = await one('MATCH (c:Country)<-[:COVERS]-(p:Publication) WITH c, count(p) AS n RETURN c.id AS id ORDER BY n DESC, id LIMIT 1');
  const theme = await one('MATCH (t:Theme)<-[:ABOUT]-(p:Publication) WITH t, count(p) AS n RETURN t.id AS id ORDER BY n DESC, id LIMIT 1');
  const pathCountry = await one('MATCH (c:Country)<-[:COVERS]-(p:Publication) WITH c, count(p) AS n RETURN c.id AS id ORDER BY n, id LIMIT 1');
  const matrixThemes = await ids(`MATCH (t:Theme)<-[:ABOUT]-(p:Publication) WITH t, count(p) AS n RETURN t.id AS id ORDER BY n DESC, id LIMIT ${MATRIX_THEMES}`);
  const matrixCountries = await ids(
    `MATCH (c:Country)<-[:COVERS]-(p:Publication) WHERE p.year >= $y WITH c, count(p) AS n RETURN c.id AS id ORDER BY n DESC, id LIMIT ${MATRIX_COUNTRIES}`,
    { y: pageYearFrom },
  );
  const suggestPrefix = await one('MATCH (c:Country {id: $c}) RETURN left(c.name, 3) AS id', { c: country });
  return { country, theme, pathCountry, pageYearFrom, facetYearFrom: 2020, matrixThemes, matrixCountries, suggestPrefix };
}

/** The matrix's bounds: a dashboard's evidence map of the leading themes and countries. */
const MATRIX_THEMES = 8;
const MATRIX_COUNTRIES = 15;

interface Target {
  readonly url: string;
  readonly process: ChildProcess;
}
type Targets = Record<TargetName, Target>;

async function startTargets(env: NodeJS.ProcessEnv, children: ChildProcess[], logDir: string): Promise<Targets> {
  const start = async (name: TargetName): Promise<Target> => {
    const port = await freePort();
    const args = name === 'kg' || name === 'kg-warm'
      ? [KG, 'serve', '--store', 'neo4j', '--host', '127.0.0.1', '--port', String(port)]
      : [TARGET_SERVER, name, String(port)];
    // The load comes from one address, so the per-client policies (cost budget, turns) would
    // throttle it: the benchmark measures throughput with those two off; every other limit (cost,
    // depth, aliases, tokens, argument bounds, deadline, object cap) stays on.
    const kgEnv = { ...env, KG_COST_BUDGET_PER_MIN: '0', KG_MAX_CONCURRENT_PER_CLIENT: '1000' };
    const childEnv = name === 'kg' ? { ...kgEnv, KG_RESPONSE_CACHE_MB: '0' } : name === 'kg-warm' ? { ...kgEnv, KG_RESPONSE_CACHE_MB: '64' } : env;
    const child = spawn(process.execPath, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const log = createWriteStream(join(logDir, `${name}.log`));
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const url = name === 'kg' || name === 'kg-warm' ? `http://127.0.0.1:${port}/graphql` : name === 'neo4j-graphql' ? `http://127.0.0.1:${port}/graphql` : `http://127.0.0.1:${port}/`;
    const probe = name === 'kg' || name === 'kg-warm' ? `http://127.0.0.1:${port}/health` : null;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}; see ${log.path}`);
      const up = probe
        ? await fetch(probe).then((r) => r.ok, () => false)
        : await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then(() => true, () => false);
      if (up) break;
      if (Date.now() > deadline) throw new Error(`${name} did not start within 60 s; see ${log.path}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return { url, process: child };
  };
  const [kg, warm, ng, cy] = await Promise.all(TARGETS.map(start));
  return { kg, 'kg-warm': warm, 'neo4j-graphql': ng, cypher: cy };
}

async function stopTargets(targets: Targets): Promise<void> {
  await Promise.all(Object.values(targets).map((t) => new Promise<void>((done) => {
    if (t.process.exitCode !== null) return done();
    const kill = setTimeout(() => t.process.kill('SIGKILL'), 5_000);
    t.process.once('exit', () => { clearTimeout(kill); done(); });
    t.process.kill('SIGTERM');
  })));
}

function requestOf(op: Operation, params: OpParams, target: TargetName): string {
  const body = target === 'kg' || target === 'kg-warm' ? op.kg(params) : target === 'neo4j-graphql' ? op.neo4jGraphql(params) : op.cypher(params);
  return JSON.stringify(body);
}

async function post(url: string, body: string): Promise<{ status: number; json: any; headers: Headers }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(30_000) });
  return { status: res.status, json: await res.json(), headers: res.headers };
}

/** Sends the operation to every target and throws, showing the answers, unless their normalised answers are equal. */
async function checkAgreement(op: Operation, params: OpParams, targets: Targets): Promise<boolean> {
  const answers = {} as Record<TargetName, unknown>;
  for (const target of TARGETS) {
    const { status, json } = await post(targets[target].url, requestOf(op, params, target));
    if (status !== 200 || json.errors) throw new Error(`${op.name} on ${target}: HTTP ${status} ${JSON.stringify(json).slice(0, 2000)}`);
    answers[target] = target === 'kg' || target === 'kg-warm' ? op.normKg(json.data) : target === 'neo4j-graphql' ? op.normNeo4jGraphql(json.data) : op.normCypher(json.rows);
  }
  const reference = canonical(answers.cypher);
  const empty = reference === '[]' || reference === 'null';
  if (empty) throw new Error(`${op.name}: raw Cypher answered nothing for ${JSON.stringify(params)}; the comparison would be vacuous`);
  for (const target of TARGETS) {
    if (canonical(answers[target]) !== reference) {
      throw new Error(`${op.name}: answers disagree\n  cypher: ${reference.slice(0, 3000)}\n  ${target}: ${canonical(answers[target]).slice(0, 3000)}`);
    }
  }
  return true;
}

/** JSON with object keys sorted, so that key order does not matter (array order does). */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v);
}

async function kgRoundTrips(op: Operation, params: OpParams, url: string): Promise<number> {
  const { headers } = await post(url, JSON.stringify(op.kg(params)));
  return Number(headers.get('x-kg-round-trips'));
}

/** One warm-up, then the timed window: autocannon at the fixed concurrency, the target's RSS sampled every 100 ms. */
async function measure(op: Operation, params: OpParams, target: TargetName, server: Target, options: BenchOptions) {
  const body = requestOf(op, params, target);
  const run = (seconds: number, onResponse?: (ms: number) => void) => new Promise<AutocannonResult>((resolveRun, reject) => {
    const instance = autocannon({
      url: server.url, method: 'POST', headers: { 'content-type': 'application/json' }, body,
      connections: options.connections, duration: seconds, timeout: 10, maxOverallRequests: 2_000_000,
    }, (err, res) => (err ? reject(err) : resolveRun(res)));
    if (onResponse) instance.on('response', (_c, _s, _b, ms) => onResponse(ms));
  });
  if (options.warmupS > 0) await run(options.warmupS);
  const times: number[] = [];
  const rss: number[] = [];
  const sampler = setInterval(() => {
    const kb = rssKb(server.process.pid!);
    if (kb) rss.push(kb / 1024);
  }, 100);
  let res: AutocannonResult;
  try {
    res = await run(options.durationS, (ms) => times.push(ms));
  } finally {
    clearInterval(sampler);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => (times.length ? times[Math.min(times.length - 1, Math.floor(q * times.length))] : NaN);
  const rssNow = rssKb(server.process.pid!) / 1024;
  if (rssNow) rss.push(rssNow);
  return {
    requests: times.length,
    rps: times.length / res.duration,
    p50: at(0.5), p95: at(0.95), p99: at(0.99),
    errors: res.errors + res.timeouts + res.non2xx,
    rssMaxMb: Math.max(...rss), rssMeanMb: rss.reduce((a, b) => a + b, 0) / rss.length,
  };
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolvePort(port));
    });
  });
}

function findRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'cypher'))) return dir;
    dir = resolve(dir, '..');
  }
  throw new Error(`cannot find the repository above ${__dirname}`);
}

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');

/** Renders the results as Markdown: loads, ratios, imports, and the targets as pass/fail. */
export function renderMarkdown(r: BenchResult): string {
  const out: string[] = [];
  out.push(`Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB; Node ${r.machine.node}; ${r.machine.neo4j}.`);
  out.push(`Load: autocannon, ${r.options.connections} connections, ${r.options.warmupS} s warm-up + ${r.options.durationS} s per (operation, target).`, '');
  out.push('| size | operation | target | req/s | p50 ms | p95 ms | p99 ms | errors | round trips | RSS max MB |');
  out.push('| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const l of r.loads) out.push(`| ${l.size} | ${l.op} | ${l.target} | ${f0(l.rps)} | ${f1(l.p50)} | ${f1(l.p95)} | ${f1(l.p99)} | ${l.errors} | ${l.target === 'kg' || l.target === 'kg-warm' ? l.roundTrips : '1 (by design)'} | ${f0(l.rssMaxMb)} |`);
  out.push('', 'kg is cold (its response cache off: every request runs). Warm is the same server with the cache on, every request after the first answered from memory; it never stands in for a cold figure.', '');
  out.push('| size | operation | req/s kg / @neo4j/graphql | req/s kg / Cypher | p50 kg / @neo4j/graphql | p50 kg / Cypher | warm req/s | warm / cold req/s |', '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const size of r.options.sizes) {
    for (const op of OPERATIONS) {
      const get = (t: TargetName) => r.loads.find((l) => l.size === size && l.op === op.name && l.target === t);
      const kg = get('kg'), ng = get('neo4j-graphql'), cy = get('cypher'), warm = get('kg-warm');
      if (!kg || !ng || !cy) continue;
      out.push(`| ${size} | ${op.name} | ${f2(kg.rps / ng.rps)} | ${f2(kg.rps / cy.rps)} | ${f2(kg.p50 / ng.p50)} | ${f2(kg.p50 / cy.p50)} | ${warm ? f0(warm.rps) : 'n/a'} | ${warm ? f2(warm.rps / kg.rps) : 'n/a'} |`);
    }
  }
  out.push('', '| size | import s | publications/s | s per 1,000 |', '| ---: | ---: | ---: | ---: |');
  for (const i of r.imports) out.push(`| ${i.size} | ${f1(i.seconds)} | ${f0(i.rate)} | ${f2((i.seconds / i.size) * 1000)} |`);
  out.push('', '| target | result |', '| --- | --- |');
  for (const [name, pass, detail] of targetChecks(r)) out.push(`| ${name} | ${pass === null ? 'n/a' : pass ? 'PASS' : 'FAIL'}: ${detail} |`);
  return out.join('\n') + '\n';
}

/** The targets, evaluated at the largest size: [name, pass (null when not measured), detail]. */
export function targetChecks(r: BenchResult): [string, boolean | null, string][] {
  const size = Math.max(...r.options.sizes);
  const get = (op: string, t: TargetName) => r.loads.find((l) => l.size === size && l.op === op && l.target === t);
  const checks: [string, boolean | null, string][] = [];
  for (const op of ['theme-traversal', 'facets']) {
    const kg = get(op, 'kg'), ng = get(op, 'neo4j-graphql');
    const ratio = kg && ng ? kg.rps / ng.rps : NaN;
    checks.push([`${op} ≥ 1.5× @neo4j/graphql req/s`, kg?.requests && ng?.requests ? ratio >= 1.5 : null, `${f2(ratio)}× at ${size}`]);
  }
  for (const op of OPERATIONS.filter((o) => o.singleLevel)) {
    const kg = get(op.name, 'kg'), cy = get(op.name, 'cypher');
    const ratio = kg && cy ? kg.p50 / cy.p50 : NaN;
    checks.push([`${op.name} p50 ≤ 1.25× raw Cypher`, kg?.requests && cy?.requests ? ratio <= 1.25 : null, `${f2(ratio)}× at ${size}`]);
  }
  const big = r.imports.find((i) => i.size === 100_000);
  const small = r.imports.find((i) => i.size === 10_000);
  checks.push(['import ≥ 5,000 publications/s at 100k', big ? big.rate >= 5000 : null, big ? `${f0(big.rate)}/s` : 'no 100k run']);
  const growth = big && small ? (big.seconds / big.size) / (small.seconds / small.size) : NaN;
  checks.push(['import time per publication at 100k ≤ 1.25× that at 10k (no super-linear growth)', big && small ? growth <= 1.25 : null, `${f2(growth)}×`]);
  const rssMax = Math.max(...r.loads.filter((l) => l.target === 'kg').map((l) => l.rssMaxMb));
  checks.push(['this server RSS under load ≤ 300 MB', Number.isFinite(rssMax) ? rssMax <= 300 : null, `${f0(rssMax)} MB peak`]);
  return checks;
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      seed: { type: 'string', default: 'bench' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      wipe: { type: 'boolean', default: false },
      timeout: { type: 'string' },
      out: { type: 'string' },
      heap: { type: 'string' },
      'page-cache': { type: 'string' },
    },
  });
  const quick = values.quick!;
  const num = (raw: string | undefined, fallback: number) => {
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`bad number "${raw}"`);
    return n;
  };
  return {
    sizes: (values.sizes ?? (quick ? '300' : '10000,100000')).split(',').map((s) => num(s.replace(/_/g, ''), 0)),
    seed: values.seed!,
    durationS: num(values.duration, quick ? 2 : 15),
    warmupS: num(values.warmup, quick ? 0.5 : 3),
    connections: num(values.connections, quick ? 4 : 16),
    wipe: values.wipe!,
    timeoutS: num(values.timeout, quick ? 600 : 3600),
    out: values.out ?? join(ROOT, '.cache', 'bench', `results-${quick ? 'quick' : 'full'}.json`),
    // 100k publications are imported in one transaction: more than a 2 GB heap's transaction-memory limit.
    heap: values.heap ?? (quick ? '2g' : '6g'),
    // The test harness's 128 MB page cache holds 10k publications but not 100k; a Neo4j server
    // sizes its page cache from the machine's memory (neo4j-admin server memory-recommendation).
    pageCacheMb: num(values['page-cache'], quick ? 128 : 2048),
  };
}

if (require.main === module) {
  const options = parseOptions(process.argv.slice(2));
  runBench(options).then(
    (r) => {
      process.stdout.write(renderMarkdown(r));
      say(`results written to ${options.out}`);
    },
    (err: Error) => {
      say(`FAILED: ${err.stack ?? err.message}`);
      process.exit(1);
    },
  );
}
