/**
 * Where each lost millisecond goes (issue 18): `npm run bench:profile [-- --size 10000]`. See docs/benchmarks.md.
 *
 * Starts Neo4j and imports the seeded library as `npm run bench` does (bench/run.ts), picks the
 * same arguments, then for each benchmarked operation sends its GraphQL request to this server
 * in-process on the Neo4j store (response cache off, as the bench's `kg` target), captures every
 * statement and its parameters the request sends to Neo4j, and runs each again under `PROFILE`
 * beside the operation's raw-Cypher statement. Prints one Markdown table of db hits and rows
 * (summed over each plan's operators) with the costliest operators, then each operation's
 * statements by name; writes the full plans as JSON (`--out`). Db hits do not depend on the
 * machine's load; no timing is reported.
 *
 *   --size N (10000)  --seed S (bench)  --heap (2g)  --page-cache MB (512)  --wipe  --timeout S (3600)
 */
import 'reflect-metadata';
import { AsyncLocalStorage } from 'node:async_hooks';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import neo4j, { Driver } from 'neo4j-driver';
import pino from 'pino';
import { startServer } from '../src/server/http.server';
import { limitsFromEnv } from '../src/server/limits/limits.config';
import { changeRetentionFromEnv } from '../src/store/change-retention';
import type { WorkBudget, TrackedWork } from '../src/store/store';
import { ANCHOR_PART_NAMES } from '../src/store/neo4j/anchor-composer';
import { CypherLoader, cypherDir } from '../src/store/neo4j/cypher-loader';
import { FILTER_PART_NAMES } from '../src/store/neo4j/filter-composer';
import { neo4jSettingsFromEnv } from '../src/store/neo4j/neo4j.config';
import { Neo4jRunner, type Row, type WriteTx } from '../src/store/neo4j/neo4j.runner';
import { Neo4jStore } from '../src/store/neo4j/neo4j.store';
import { loadQueries, QUERY_NAMES } from '../src/store/neo4j/queries';
import { CYPHER, OPERATIONS, type Operation, type OpParams } from './operations';
import { canonical, importLibrary, openBenchNeo4j, pickParams } from './run';

const say = (line: string): void => void process.stderr.write(`[profile] ${line}\n`);

/** One statement a request sent, with the parameters it was sent with. */
interface Captured {
  readonly statement: string;
  readonly params: Record<string, unknown>;
  readonly mode: 'read' | 'write';
}

/**
 * The store's runner, recording the statements of each request: a unit tracked with a budget is a
 * GraphQL request (graphql.route.ts); units without one (the reference copy's background version
 * check) are not recorded, so a timer firing during a request never counts as its statement.
 */
class CapturingRunner extends Neo4jRunner {
  private readonly unit = new AsyncLocalStorage<Captured[]>();
  /** The statements of each request, in the order the requests started. */
  readonly requests: Captured[][] = [];

  override track<T>(fn: () => Promise<T>, budget?: WorkBudget): Promise<TrackedWork<T>> {
    if (!budget) return super.track(fn, budget);
    const seen: Captured[] = [];
    this.requests.push(seen);
    return this.unit.run(seen, () => super.track(fn, budget));
  }

  override read(statement: string, params: Record<string, unknown> = {}, timeoutMs?: number): Promise<Row[]> {
    this.unit.getStore()?.push({ statement, params, mode: 'read' });
    return super.read(statement, params, timeoutMs);
  }

  override write<T>(work: (tx: WriteTx) => Promise<T>, timeoutMs?: number): Promise<T> {
    const seen = this.unit.getStore();
    if (!seen) return super.write(work, timeoutMs);
    return super.write((tx) => work({ run: (statement, params) => (seen.push({ statement, params: params ?? {}, mode: 'write' }), tx.run(statement, params)) }), timeoutMs);
  }
}

/** One operator of a profiled plan. */
interface PlanNode {
  readonly operator: string;
  readonly details: string;
  readonly dbHits: number;
  readonly rows: number;
  readonly children: PlanNode[];
}

/** A profiled statement: its plan, db hits and rows summed over every operator, and its answer. */
interface Profiled {
  readonly name: string;
  readonly mode: 'read' | 'write';
  readonly dbHits: number;
  readonly rows: number;
  readonly runtime: string;
  readonly top: { operator: string; details: string; dbHits: number }[];
  readonly plan: PlanNode | null;
  readonly records: Record<string, unknown>[];
}

type DriverPlan = { operatorType: string; arguments: Record<string, unknown>; dbHits: number | null; rows: number | null; children: DriverPlan[] };

const toPlanNode = (p: DriverPlan): PlanNode => ({
  operator: p.operatorType.replace(/@neo4j$/, ''),
  details: String(p.arguments.Details ?? p.arguments.details ?? ''),
  dbHits: Number(p.dbHits ?? 0),
  rows: Number(p.rows ?? 0),
  children: p.children.map(toPlanNode),
});

const flatten = (n: PlanNode): PlanNode[] => [n, ...n.children.flatMap(flatten)];

/** Runs `PROFILE <statement>` in a read transaction and returns its plan's sums and costliest operators. */
async function profile(driver: Driver, name: string, statement: string, params: Record<string, unknown>): Promise<Profiled> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.executeRead((tx) => tx.run(`PROFILE\n${statement}`, params));
    const raw = (result.summary.queryProfile || result.summary.profile) as unknown as DriverPlan | false;
    const plan = raw ? toPlanNode(raw) : null;
    const all = plan ? flatten(plan) : [];
    const top = [...all].sort((a, b) => b.dbHits - a.dbHits).slice(0, 3).map(({ operator, details, dbHits }) => ({ operator, details, dbHits }));
    const runtime = raw ? String(raw.arguments.runtime ?? raw.arguments['runtime-impl'] ?? '') : '';
    return {
      name, mode: 'read', plan, top, runtime,
      dbHits: all.reduce((s, n) => s + n.dbHits, 0),
      rows: all.reduce((s, n) => s + n.rows, 0),
      records: result.records.map((r) => r.toObject()),
    };
  } finally {
    await session.close();
  }
}

/** Names a captured statement: its cypher/queries file (by the file's first line), the filter and anchor parts it was composed with, and the conditional blocks kept. */
class StatementNames {
  private readonly byFirstLine = new Map<string, { name: string; text: string }>();
  private readonly parts: { name: string; firstLine: string }[] = [];

  constructor() {
    const queries = loadQueries();
    for (const name of QUERY_NAMES) this.byFirstLine.set(firstLine(queries.get(name)), { name, text: queries.get(name) });
    const filter = new CypherLoader(`${cypherDir()}/filter`, FILTER_PART_NAMES);
    const anchor = new CypherLoader(`${cypherDir()}/anchor`, ANCHOR_PART_NAMES);
    for (const name of FILTER_PART_NAMES) this.parts.push({ name: `filter/${name}`, firstLine: firstLine(filter.get(name)) });
    for (const name of ANCHOR_PART_NAMES) this.parts.push({ name: `anchor/${name}`, firstLine: firstLine(anchor.get(name)) });
  }

  /** Returns `name [parts; if $blocks]` and the file's description, or a placeholder when no file matches. */
  describe(c: Captured): { name: string; description: string } {
    const file = this.byFirstLine.get(firstLine(c.statement));
    if (!file) return { name: '(not from cypher/queries)', description: firstLine(c.statement).slice(0, 100) };
    const parts = this.parts.filter((p) => c.statement.includes(p.firstLine)).map((p) => p.name);
    const blocks = [...file.text.matchAll(/^[ \t]*\/\/ if \$(\w+)/gm)].map((m) => m[1]).filter((b) => given(c.params[b]));
    const extra = [parts.join(', '), blocks.length ? `if ${blocks.map((b) => `$${b}`).join(', ')}` : ''].filter(Boolean).join('; ');
    return { name: extra ? `${file.name} [${extra}]` : file.name, description: firstLine(file.text).replace(/^\/\/\s*/, '') };
  }
}

const firstLine = (text: string): string => text.trimStart().split('\n')[0].trim();
/** As conditional-blocks.ts decides: a block is kept when its parameter is given. */
const given = (v: unknown): boolean => v !== null && v !== undefined && (!Array.isArray(v) || v.length > 0);

interface OperationProfile {
  readonly op: string;
  readonly roundTrips: number;
  readonly agreed: boolean;
  readonly kg: (Profiled & { description: string })[];
  readonly raw: Profiled;
}

async function profileOperation(op: Operation, params: OpParams, url: string, runner: CapturingRunner, driver: Driver, names: StatementNames): Promise<OperationProfile> {
  const send = async () => {
    const before = runner.requests.length;
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(op.kg(params)) });
    const json = (await res.json()) as { data?: unknown; errors?: unknown[] };
    if (res.status !== 200 || json.errors) throw new Error(`${op.name}: HTTP ${res.status} ${JSON.stringify(json).slice(0, 2000)}`);
    const mine = runner.requests.slice(before);
    if (mine.length !== 1) throw new Error(`${op.name}: expected one tracked request, saw ${mine.length}`);
    return { data: json.data, statements: mine[0], roundTrips: Number(res.headers.get('x-kg-round-trips')) };
  };
  // The first request may load the reference copy (once a minute under load): the bench's steady state is the second.
  await send();
  const { data, statements, roundTrips } = await send();
  if (statements.length !== roundTrips) throw new Error(`${op.name}: captured ${statements.length} statements, the server counted ${roundTrips} round trips`);
  const kg: OperationProfile['kg'] = [];
  for (const c of statements) {
    const { name, description } = names.describe(c);
    if (c.mode === 'write') {
      kg.push({ name, description, mode: 'write', dbHits: 0, rows: 0, runtime: '', top: [], plan: null, records: [] });
      continue;
    }
    kg.push({ ...(await profile(driver, name, c.statement, c.params)), description });
  }
  const request = op.cypher(params);
  const raw = await profile(driver, `CYPHER['${op.name}']`, CYPHER[request.op], request.params);
  const agreed = canonical(op.normKg(data)) === canonical(op.normCypher(raw.records));
  if (!agreed) say(`WARNING ${op.name}: this server's answer and the raw statement's differ`);
  return { op: op.name, roundTrips, agreed, kg, raw };
}

const n0 = (n: number): string => n.toLocaleString('en-US');
const topOf = (ps: Profiled[], labelled: boolean): string => ps
  .flatMap((p) => p.top.map((t) => ({ ...t, from: p.name.split(' ')[0] })))
  .sort((a, b) => b.dbHits - a.dbHits).slice(0, 3)
  .map((t) => `${t.operator} ${n0(t.dbHits)}${labelled ? ` (${t.from})` : ''}`).join('; ');

/** Renders the table and, per operation, each statement with its description and costliest operators. */
export function renderProfiles(size: number, profiles: readonly OperationProfile[]): string {
  const out: string[] = [];
  out.push(`PROFILE at ${n0(size)} publications; db hits and rows are summed over every operator of each plan.`, '');
  out.push('| operation | kg statements (round trips) | kg db hits | raw db hits | kg/raw db hits | kg rows | raw rows | kg top operators | raw top operators |');
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |');
  for (const p of profiles) {
    const hits = p.kg.reduce((s, k) => s + k.dbHits, 0);
    const rows = p.kg.reduce((s, k) => s + k.rows, 0);
    const writes = p.kg.filter((k) => k.mode === 'write').length;
    out.push(`| ${p.op} | ${p.kg.length}${writes ? ` (${writes} writes, not profiled)` : ''} | ${n0(hits)} | ${n0(p.raw.dbHits)} | ${(hits / p.raw.dbHits).toFixed(2)} | ${n0(rows)} | ${n0(p.raw.rows)} | ${topOf(p.kg, p.kg.length > 1)} | ${topOf([p.raw], false)} |`);
  }
  for (const p of profiles) {
    out.push('', `### ${p.op}${p.agreed ? '' : ' (answers differ from the raw statement)'}`, '');
    for (const [i, k] of p.kg.entries()) {
      out.push(`${i + 1}. \`${k.name}\` — ${k.description}`);
      out.push(k.mode === 'write' ? '   a write, not profiled' : `   ${n0(k.dbHits)} db hits, ${n0(k.rows)} rows (${k.runtime}); ${k.top.map((t) => `${t.operator} ${n0(t.dbHits)} \`${t.details.slice(0, 90)}\``).join('; ')}`);
    }
    out.push(`- raw: ${n0(p.raw.dbHits)} db hits, ${n0(p.raw.rows)} rows (${p.raw.runtime}); ${p.raw.top.map((t) => `${t.operator} ${n0(t.dbHits)} \`${t.details.slice(0, 90)}\``).join('; ')}`);
  }
  return out.join('\n') + '\n';
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '10000' }, seed: { type: 'string', default: 'bench' },
      heap: { type: 'string', default: '2g' }, 'page-cache': { type: 'string', default: '512' },
      wipe: { type: 'boolean', default: false }, timeout: { type: 'string', default: '3600' }, out: { type: 'string' },
    },
  });
  const size = Number(values.size!.replace(/_/g, ''));
  if (!Number.isInteger(size) || size <= 0) throw new Error(`--size must be a positive integer, got "${values.size}"`);
  // Neo4j's launcher exits when this process does (its stdin closes), so exiting stops it.
  const hardStop = setTimeout(() => {
    say(`run exceeded --timeout ${values.timeout}s; stopping`);
    process.exit(3);
  }, Number(values.timeout) * 1000);
  const neo = await openBenchNeo4j({ heap: values.heap!, pageCacheMb: Number(values['page-cache']) }, say);
  let store: Neo4jStore | null = null;
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    await importLibrary(neo, size, values.seed!, values.wipe! || !!neo.own, say);
    const params = await pickParams(neo.driver);
    const settings = neo4jSettingsFromEnv(neo.env)!;
    // connect() only builds the driver (no traffic); the capturing runner takes it over.
    const runner = new CapturingRunner(Neo4jRunner.connect(settings).driver, settings);
    // As `kg serve --store neo4j` opens it (src/cli/open-store.ts), reference copy included.
    store = new Neo4jStore(runner, undefined, { referenceCacheMs: settings.referenceCacheMs, referenceCheckMs: settings.referenceCheckMs, changes: changeRetentionFromEnv(neo.env) });
    // As the bench's `kg` target: budgets and turns off (one client), response cache off.
    const limits = limitsFromEnv({ ...neo.env, KG_COST_BUDGET_PER_MIN: '0', KG_MAX_CONCURRENT_PER_CLIENT: '1000' });
    server = await startServer({ store, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1', limits, responseCache: { maxBytes: 0, maxEntryBytes: 0 } });
    const names = new StatementNames();
    const profiles: OperationProfile[] = [];
    for (const op of OPERATIONS) {
      say(`profiling ${op.name}`);
      profiles.push(await profileOperation(op, params, server.url, runner, neo.driver, names));
    }
    const out = values.out ?? join(neo.logDir, `profile-${size}-${values.seed}.json`);
    writeFileSync(out, JSON.stringify({ size, params, profiles: profiles.map((p) => ({ ...p, raw: { ...p.raw, records: undefined }, kg: p.kg.map((k) => ({ ...k, records: undefined })) })) }, null, 2));
    process.stdout.write(renderProfiles(size, profiles));
    say(`plans written to ${out}`);
  } finally {
    clearTimeout(hardStop);
    await server?.stop(1_000);
    await store?.close();
    await neo.driver.close();
    await neo.own?.stop();
  }
}

if (require.main === module) {
  main().catch((err: Error) => {
    say(`FAILED: ${err.stack ?? err.message}`);
    process.exit(1);
  });
}
