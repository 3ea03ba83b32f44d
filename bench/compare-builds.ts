import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { LocalNeo4j } from '../test/neo4j/neo4j-server';
import { OpParams, Operation, OPERATIONS } from './operations';
import { canonical, freePort, neo4jVersion, openBenchNeo4j, pickParams, wipe } from './run';

/**
 * Did a change move this server's throughput relative to @neo4j/graphql?
 *   npm run bench:compare -- --before /tmp/kg/before [--size 10000] [--rounds 3] [--duration 10]
 *     [--warmup 2] [--connections 16] [--ops a,b] [--out FILE] [--timeout 3600] [--wipe]
 * `--before DIR` is another checkout of this repository, already built; "after" is this checkout.
 * One Neo4j, one data set (imported with the after build), three targets as child processes:
 * kg-before, kg-after and @neo4j/graphql. Per operation and round, the three targets' windows run
 * alternately in an order that rotates per round and per operation; each window records req/s,
 * latency, errors and the target process's CPU time per request (from /proc/PID/stat). Prints one
 * Markdown table per operation (each build's req/s ratio to @neo4j/graphql per round, their medians,
 * the change) and writes every window to --out. See docs/benchmarks.md.
 */

type AutocannonResult = Parameters<Parameters<typeof autocannon>[1]>[1];
export type CompareTarget = 'kg-before' | 'kg-after' | 'neo4j-graphql';
export const COMPARE_TARGETS: readonly CompareTarget[] = ['kg-before', 'kg-after', 'neo4j-graphql'];

const ROOT = findRoot();
const KG_AFTER = join(ROOT, 'dist', 'src', 'cli', 'kg.js');
const TARGET_SERVER = join(__dirname, 'target-server.js');
const SEED = 'bench';

export interface CompareOptions {
  readonly before: string;
  readonly size: number;
  readonly rounds: number;
  readonly durationS: number;
  readonly warmupS: number;
  readonly connections: number;
  readonly ops: string[];
  readonly out: string;
  readonly timeoutS: number;
  readonly wipe: boolean;
  readonly heap: string;
  readonly pageCacheMb: number;
}

export interface Window {
  readonly op: string;
  readonly round: number;
  /** 0-based position of this window among the round's three. */
  readonly position: number;
  readonly target: CompareTarget;
  readonly startedAt: string;
  readonly requests: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  /** The target process's CPU time (user + system) during the timed window, ms. */
  readonly cpuMs: number;
  readonly cpuMsPerRequest: number;
}

export interface OpSummary {
  readonly op: string;
  /** Per round: kg-before req/s ÷ neo4j-graphql req/s, and kg-after's. */
  readonly ratioBefore: number[];
  readonly ratioAfter: number[];
  readonly medianRatioBefore: number;
  readonly medianRatioAfter: number;
  /** medianRatioAfter / medianRatioBefore − 1. */
  readonly ratioChange: number;
  readonly medianCpuBefore: number;
  readonly medianCpuAfter: number;
  readonly cpuChange: number;
  readonly errors: number;
}

export interface CompareResult {
  readonly startedAt: string;
  readonly options: CompareOptions;
  readonly builds: { before: string; after: string };
  readonly machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; neo4j: string; clockTicks: number };
  readonly import: { size: number; seconds: number };
  readonly params: OpParams;
  readonly agreement: { op: string; agreed: true; targets: CompareTarget[] }[];
  readonly windows: Window[];
  readonly summary: OpSummary[];
}

interface Target {
  readonly url: string;
  readonly process: ChildProcess;
}
type Targets = Record<CompareTarget, Target>;

const say = (line: string): void => void process.stderr.write(`[bench:compare] ${line}\n`);

/** Every child process this script started (targets, kg commands); only these are ever killed, by pid. */
const children = new Set<ChildProcess>();
let ownNeo4j: LocalNeo4j | null = null;

function killChildren(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null && c.pid) {
    try { process.kill(c.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}

export async function runCompare(options: CompareOptions): Promise<CompareResult> {
  const kgBefore = join(options.before, 'dist', 'src', 'cli', 'kg.js');
  if (!existsSync(kgBefore)) throw new Error(`--before ${options.before}: ${kgBefore} does not exist (build that checkout first: npm ci && npm run build)`);
  if (!existsSync(KG_AFTER)) throw new Error(`${KG_AFTER} does not exist (npm run bench:compare builds it with tsc -p bench)`);
  if (resolve(options.before) === ROOT) say('warning: --before is this checkout; both builds are the same code');
  const ops = selectOps(options.ops);

  const opened = await openBenchNeo4j(options, say);
  ownNeo4j = opened.own;
  const { env, driver, logDir } = opened;
  mkdirSync(dirname(resolve(options.out)), { recursive: true });
  try {
    const version = await neo4jVersion(driver);
    await wipe(driver, options.wipe || !!ownNeo4j);
    await run([KG_AFTER, 'db', 'migrate'], env);
    const file = join(logDir, `library-${options.size}-${SEED}.txt`);
    if (!existsSync(file)) await run([KG_AFTER, 'generate', '--publications', String(options.size), '--seed', SEED, file], env);
    say(`importing ${options.size.toLocaleString('en-US')} publications with the after build`);
    const t0 = Date.now();
    await run([KG_AFTER, 'import', file], env);
    const importSeconds = (Date.now() - t0) / 1000;
    const imported = (await driver.executeQuery('MATCH (p:Publication) RETURN count(p) AS n')).records[0].get('n') as number;
    if (imported !== options.size) throw new Error(`imported ${imported} publications, expected ${options.size}`);
    say(`imported ${options.size} in ${importSeconds.toFixed(1)} s`);
    const params = await pickParams(driver);

    const result: CompareResult = {
      startedAt: new Date().toISOString(),
      options,
      builds: { before: resolve(options.before), after: ROOT },
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, neo4j: version, clockTicks: CLK_TCK },
      import: { size: options.size, seconds: importSeconds },
      params, agreement: [], windows: [], summary: [],
    };
    const servers = await startTargets(env, kgBefore, options.before, logDir);
    try {
      for (const op of ops) {
        await checkAgreement(op, params, servers);
        result.agreement.push({ op: op.name, agreed: true, targets: [...COMPARE_TARGETS] });
      }
      say(`answers agree across ${COMPARE_TARGETS.join(', ')} for ${ops.length} operations`);
      for (const [i, op] of ops.entries()) {
        for (let round = 1; round <= options.rounds; round++) {
          // Rotate per round and per operation, so that drift (a warming JIT or page cache, the
          // machine's other load) does not always favour the same target.
          const order = COMPARE_TARGETS.map((_, k) => COMPARE_TARGETS[(i + round - 1 + k) % COMPARE_TARGETS.length]);
          for (const [position, target] of order.entries()) {
            const startedAt = new Date().toISOString();
            const w = await measure(op, params, target, servers[target], options);
            const window: Window = { op: op.name, round, position, target, startedAt, ...w };
            result.windows.push(window);
            say(`${op.name} round ${round} ${target}: ${w.rps.toFixed(0)} req/s p50 ${w.p50.toFixed(1)} ms p99 ${w.p99.toFixed(1)} ms errors ${w.errors} CPU ${w.cpuMsPerRequest.toFixed(2)} ms/req`);
          }
        }
        result.summary.push(summarise(op.name, result.windows, options.rounds));
        // Written after every operation, so that a later failure keeps what was measured.
        writeFileSync(options.out, JSON.stringify(result, null, 2));
      }
    } finally {
      await stopTargets(servers);
    }
    writeFileSync(options.out, JSON.stringify(result, null, 2));
    return result;
  } finally {
    await driver.close();
    killChildren();
    if (ownNeo4j) {
      const stopping = ownNeo4j;
      ownNeo4j = null;
      await stopping.stop();
    }
  }
}

function selectOps(names: string[]): Operation[] {
  if (!names.length) return [...OPERATIONS];
  const unknown = names.filter((n) => !OPERATIONS.some((o) => o.name === n));
  if (unknown.length) throw new Error(`unknown operation(s) ${unknown.join(', ')}; known: ${OPERATIONS.map((o) => o.name).join(', ')}`);
  return OPERATIONS.filter((o) => names.includes(o.name));
}

/** Runs `node ARGS` as a tracked child (so the hard timeout can kill it); rejects with its output on failure. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    const child = execFile(process.execPath, args, { env, cwd: ROOT, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      children.delete(child);
      if (err) fail(new Error(`kg ${args.slice(1).join(' ')} failed: ${err.message}\n${stdout.slice(-2000)}${stderr.slice(-2000)}`));
      else done();
    });
    children.add(child);
  });
}

async function startTargets(env: NodeJS.ProcessEnv, kgBefore: string, beforeDir: string, logDir: string): Promise<Targets> {
  // As run.ts: the load comes from one address, so the two per-client policies are off; every
  // other limit stays on. The response cache is off: the windows repeat one operation with the
  // same variables, which a build with the cache would answer from memory (run.ts's warm column),
  // and a warm figure must never stand in for a cold one. An older build ignores variables it does not know.
  const kgEnv = { ...env, KG_COST_BUDGET_PER_MIN: '0', KG_MAX_CONCURRENT_PER_CLIENT: '1000', KG_RESPONSE_CACHE_MB: '0' };
  const start = async (name: CompareTarget): Promise<Target> => {
    const port = await freePort();
    const kgArgs = ['serve', '--store', 'neo4j', '--host', '127.0.0.1', '--port', String(port)];
    const [args, cwd, childEnv]: [string[], string, NodeJS.ProcessEnv] = name === 'kg-before' ? [[kgBefore, ...kgArgs], resolve(beforeDir), kgEnv]
      : name === 'kg-after' ? [[KG_AFTER, ...kgArgs], ROOT, kgEnv]
      : [[TARGET_SERVER, 'neo4j-graphql', String(port)], ROOT, env];
    const child = spawn(process.execPath, args, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    const log = createWriteStream(join(logDir, `compare-${name}.log`));
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const url = `http://127.0.0.1:${port}/graphql`;
    const probe = name === 'neo4j-graphql' ? null : `http://127.0.0.1:${port}/health`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}; see ${String(log.path)}`);
      const up = probe
        ? await fetch(probe).then((r) => r.ok, () => false)
        : await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then(() => true, () => false);
      if (up) break;
      if (Date.now() > deadline) throw new Error(`${name} did not start within 60 s; see ${String(log.path)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return { url, process: child };
  };
  const [before, after, ng] = await Promise.all(COMPARE_TARGETS.map(start));
  return { 'kg-before': before, 'kg-after': after, 'neo4j-graphql': ng };
}

async function stopTargets(targets: Targets): Promise<void> {
  await Promise.all(Object.values(targets).map((t) => new Promise<void>((done) => {
    if (t.process.exitCode !== null || t.process.signalCode !== null) return done();
    const kill = setTimeout(() => t.process.kill('SIGKILL'), 5_000);
    t.process.once('exit', () => { clearTimeout(kill); done(); });
    t.process.kill('SIGTERM');
  })));
}

function requestOf(op: Operation, params: OpParams, target: CompareTarget): string {
  return JSON.stringify(target === 'neo4j-graphql' ? op.neo4jGraphql(params) : op.kg(params));
}

async function post(url: string, body: string): Promise<{ status: number; json: any; roundTrips: string | null }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(30_000) });
  return { status: res.status, json: await res.json(), roundTrips: res.headers.get('x-kg-round-trips') };
}

/** Both builds' normalised answers must equal @neo4j/graphql's (and not be empty); throws with the answers otherwise. */
async function checkAgreement(op: Operation, params: OpParams, targets: Targets): Promise<void> {
  const answers = {} as Record<CompareTarget, string>;
  for (const target of COMPARE_TARGETS) {
    const { status, json } = await post(targets[target].url, requestOf(op, params, target));
    if (status !== 200 || json.errors) throw new Error(`${op.name} on ${target}: HTTP ${status} ${JSON.stringify(json).slice(0, 2000)}`);
    answers[target] = canonical(target === 'neo4j-graphql' ? op.normNeo4jGraphql(json.data) : op.normKg(json.data));
  }
  const reference = answers['neo4j-graphql'];
  if (reference === '[]' || reference === 'null') throw new Error(`${op.name}: @neo4j/graphql answered nothing for ${JSON.stringify(params)}; the comparison would be vacuous`);
  for (const target of ['kg-before', 'kg-after'] as const) {
    if (answers[target] !== reference) {
      throw new Error(`${op.name}: answers disagree\n  neo4j-graphql: ${reference.slice(0, 3000)}\n  ${target}: ${answers[target].slice(0, 3000)}`);
    }
    // The same request again must still reach the store: these are cold figures, and an answer
    // from a response cache (no round trip) would make a warm figure stand in for one.
    const again = await post(targets[target].url, requestOf(op, params, target));
    if (again.roundTrips === '0') throw new Error(`${op.name} on ${target}: a repeated request was answered without a store round trip (X-KG-Round-Trips: 0); the response cache must be off for cold figures`);
  }
}

/** Clock ticks per second of /proc/PID/stat's times: `getconf CLK_TCK`, else 100 (Linux's USER_HZ). */
const CLK_TCK = ((): number => {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return Number.isFinite(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
})();

/** The process's CPU time so far (utime + stime, all its threads), ms; NaN when unreadable. */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, utime field 14, stime field 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/** A warm-up, then the timed window (autocannon as run.ts's `measure`), with the target's CPU time read around the window. */
async function measure(op: Operation, params: OpParams, target: CompareTarget, server: Target, options: CompareOptions) {
  const body = requestOf(op, params, target);
  const load = (seconds: number, onResponse?: (ms: number) => void) => new Promise<AutocannonResult>((resolveRun, reject) => {
    const instance = autocannon({
      url: server.url, method: 'POST', headers: { 'content-type': 'application/json' }, body,
      connections: options.connections, duration: seconds, timeout: 10, maxOverallRequests: 2_000_000,
    }, (err, res) => (err ? reject(err) : resolveRun(res)));
    if (onResponse) instance.on('response', (_c, _s, _b, ms) => onResponse(ms));
  });
  if (options.warmupS > 0) await load(options.warmupS);
  const times: number[] = [];
  const pid = server.process.pid!;
  const cpu0 = cpuMs(pid);
  const res = await load(options.durationS, (ms) => times.push(ms));
  const cpu = cpuMs(pid) - cpu0;
  if (server.process.exitCode !== null) throw new Error(`${target} exited with code ${server.process.exitCode} during ${op.name}`);
  times.sort((a, b) => a - b);
  const at = (q: number) => (times.length ? times[Math.min(times.length - 1, Math.floor(q * times.length))] : NaN);
  return {
    requests: times.length,
    rps: times.length / res.duration,
    p50: at(0.5), p99: at(0.99),
    errors: res.errors + res.timeouts + res.non2xx,
    cpuMs: cpu,
    cpuMsPerRequest: times.length ? cpu / times.length : NaN,
  };
}

function median(xs: number[]): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function summarise(op: string, windows: Window[], rounds: number): OpSummary {
  const get = (round: number, t: CompareTarget) => windows.find((w) => w.op === op && w.round === round && w.target === t);
  const ratioBefore: number[] = [], ratioAfter: number[] = [], cpuBefore: number[] = [], cpuAfter: number[] = [];
  let errors = 0;
  for (let r = 1; r <= rounds; r++) {
    const b = get(r, 'kg-before'), a = get(r, 'kg-after'), ng = get(r, 'neo4j-graphql');
    ratioBefore.push(b && ng ? b.rps / ng.rps : NaN);
    ratioAfter.push(a && ng ? a.rps / ng.rps : NaN);
    cpuBefore.push(b?.cpuMsPerRequest ?? NaN);
    cpuAfter.push(a?.cpuMsPerRequest ?? NaN);
    errors += (b?.errors ?? 0) + (a?.errors ?? 0) + (ng?.errors ?? 0);
  }
  const medianRatioBefore = median(ratioBefore), medianRatioAfter = median(ratioAfter);
  const medianCpuBefore = median(cpuBefore), medianCpuAfter = median(cpuAfter);
  return {
    op, ratioBefore, ratioAfter, medianRatioBefore, medianRatioAfter,
    ratioChange: medianRatioAfter / medianRatioBefore - 1,
    medianCpuBefore, medianCpuAfter,
    cpuChange: medianCpuAfter / medianCpuBefore - 1,
    errors,
  };
}

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const pct = (n: number) => (Number.isFinite(n) ? `${n >= 0 ? '+' : '−'}${Math.abs(n * 100).toFixed(1)}%` : '–');
const SHORT: Record<CompareTarget, string> = { 'kg-before': 'before', 'kg-after': 'after', 'neo4j-graphql': 'ng' };

/** The Markdown report: a table per operation, a summary line per operation, the verdict. */
export function renderMarkdown(r: CompareResult): string {
  const o = r.options;
  const out: string[] = [];
  out.push(`Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB; Node ${r.machine.node}; ${r.machine.neo4j}.`);
  out.push(`before: ${r.builds.before}; after: ${r.builds.after}; ${o.size.toLocaleString('en-US')} publications; ng = @neo4j/graphql.`);
  out.push(`Load: autocannon, ${o.connections} connections, ${o.warmupS} s warm-up + ${o.durationS} s per window, ${o.rounds} round(s), the three targets alternating in a rotating order.`);
  for (const s of r.summary) {
    out.push('', `### ${s.op}`, '');
    out.push('| round | order | req/s before | req/s after | req/s ng | before / ng | after / ng | CPU ms/req before | CPU ms/req after | p50 ms before / after / ng | errors |');
    out.push('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (let round = 1; round <= o.rounds; round++) {
      const ws = r.windows.filter((w) => w.op === s.op && w.round === round).sort((a, b) => a.position - b.position);
      const get = (t: CompareTarget) => ws.find((w) => w.target === t);
      const b = get('kg-before'), a = get('kg-after'), ng = get('neo4j-graphql');
      out.push(`| ${round} | ${ws.map((w) => SHORT[w.target]).join(', ')} | ${f0(b?.rps ?? NaN)} | ${f0(a?.rps ?? NaN)} | ${f0(ng?.rps ?? NaN)} | ${f2(s.ratioBefore[round - 1])} | ${f2(s.ratioAfter[round - 1])} | ${f2(b?.cpuMsPerRequest ?? NaN)} | ${f2(a?.cpuMsPerRequest ?? NaN)} | ${f1(b?.p50 ?? NaN)} / ${f1(a?.p50 ?? NaN)} / ${f1(ng?.p50 ?? NaN)} | ${ws.reduce((n, w) => n + w.errors, 0)} |`);
    }
    out.push(`| median | | | | | ${f2(s.medianRatioBefore)} | ${f2(s.medianRatioAfter)} | ${f2(s.medianCpuBefore)} | ${f2(s.medianCpuAfter)} | | |`);
    out.push(`| change (after / before − 1) | | | | | | ${pct(s.ratioChange)} | | ${pct(s.cpuChange)} | | |`);
  }
  out.push('');
  for (const s of r.summary) {
    out.push(`- ${s.op}: kg / ng median ${f2(s.medianRatioBefore)}× → ${f2(s.medianRatioAfter)}× (${pct(s.ratioChange)}); CPU per request ${f2(s.medianCpuBefore)} → ${f2(s.medianCpuAfter)} ms (${pct(s.cpuChange)})${s.errors ? `; ${s.errors} errors` : ''}`);
  }
  const worst = r.summary.filter((s) => Number.isFinite(s.ratioChange)).sort((a, b) => a.ratioChange - b.ratioChange)[0];
  out.push('', worst ? `worst change in median ratio: ${pct(worst.ratioChange)} (${worst.op})` : 'worst change in median ratio: – (no operation measured)');
  return out.join('\n') + '\n';
}

function findRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'cypher'))) return dir;
    dir = resolve(dir, '..');
  }
  throw new Error(`cannot find the repository above ${__dirname}`);
}

export function parseOptions(argv: string[]): CompareOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      before: { type: 'string' },
      size: { type: 'string' },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      ops: { type: 'string' },
      out: { type: 'string' },
      timeout: { type: 'string' },
      wipe: { type: 'boolean', default: false },
      heap: { type: 'string' },
      'page-cache': { type: 'string' },
    },
  });
  if (!values.before) throw new Error('--before DIR is required (another checkout of this repository, already built)');
  const num = (raw: string | undefined, fallback: number, min = 0) => {
    const n = raw === undefined ? fallback : Number(raw.replace(/_/g, ''));
    if (!Number.isFinite(n) || n < min) throw new Error(`bad number "${raw}"`);
    return n;
  };
  const size = num(values.size, 10_000, 1);
  return {
    before: resolve(values.before),
    size,
    rounds: Math.floor(num(values.rounds, 3, 1)),
    durationS: num(values.duration, 10, 0.1),
    warmupS: num(values.warmup, 2),
    connections: Math.floor(num(values.connections, 16, 1)),
    ops: values.ops ? values.ops.split(',').map((s) => s.trim()).filter(Boolean) : [],
    out: resolve(values.out ?? join(ROOT, '.cache', 'bench', 'compare.json')),
    timeoutS: num(values.timeout, 3600, 1),
    wipe: values.wipe!,
    // As run.ts: 100k publications are imported in one transaction (more than a 2 GB heap allows),
    // and a 128 MB page cache holds 10k publications but not 100k.
    heap: values.heap ?? (size > 20_000 ? '6g' : '2g'),
    pageCacheMb: num(values['page-cache'], size > 1_000 ? 2048 : 128),
  };
}

if (require.main === module) {
  let options: CompareOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    say(`FAILED: ${(err as Error).message}`);
    process.exit(2);
  }
  const abort = (why: string, code: number) => {
    say(why);
    killChildren();
    const neo = ownNeo4j;
    ownNeo4j = null;
    // Neo4j's launcher also exits when this process's end of its stdin closes.
    const stopped = neo ? Promise.race([neo.stop(), new Promise((r) => setTimeout(r, 20_000))]) : Promise.resolve();
    void stopped.finally(() => process.exit(code));
  };
  const hardStop = setTimeout(() => abort(`run exceeded --timeout ${options.timeoutS}s; stopping`, 3), options.timeoutS * 1000);
  process.once('SIGINT', () => abort('interrupted; stopping', 130));
  process.once('SIGTERM', () => abort('terminated; stopping', 143));
  process.once('exit', killChildren);
  runCompare(options).then(
    (r) => {
      clearTimeout(hardStop);
      process.stdout.write(renderMarkdown(r));
      say(`every window written to ${options.out}`);
    },
    (err: Error) => {
      clearTimeout(hardStop);
      say(`FAILED: ${err.stack ?? err.message}`);
      killChildren();
      process.exitCode = 1;
    },
  );
}
