import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Start-up time and resident memory of `kg serve --data FILE` on the embedded store:
 *   npm run bench:embedded [-- SIZE...]        (default sizes: 10000 100000)
 * For each size it generates a library (`kg generate --seed 1`, kept in $TMPDIR), then starts the
 * server twice on one fresh data directory: cold (no prepared-import cache) and warm (the cache the
 * cold run wrote). Start-up is from spawn until /graphql answers a query; RSS is read after
 * start-up and again after a round of typical queries. Prints one Markdown table.
 */
const KG = resolve(__dirname, '..', 'src', 'cli', 'kg.js');

const QUERIES = [
  '{ publications(first: 20, filter: { yearFrom: 2010 }) { totalCount nodes { id title authors { name } themes { theme { id } score } countries { id } } } }',
  '{ theme(id: "Theme:child-trafficking") { publications(first: 10) { totalCount nodes { id } } countries { country { id } count } } }',
  '{ facets(first: 20) { total themes { theme { id } count } countries { country { id } count } years { year count } } }',
  '{ search(query: "trafficking Nigeria", first: 10) { node { id } score } }',
  '{ suggest(prefix: "ban", first: 10) { id label } }',
  '{ country(id: "Country:BD") { themes { theme { id } count } trend { year count } } }',
];

interface Run {
  readonly size: number;
  readonly mode: 'cold' | 'warm';
  readonly startSeconds: number;
  readonly rssStartMb: number;
  readonly rssQueriedMb: number;
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const runs: Run[] = [];
  for (const size of sizes.length ? sizes : [10_000, 100_000]) {
    const file = join(tmpdir(), `kg-bench-lib-${size}.txt`);
    if (!existsSync(file)) execFileSync(process.execPath, [KG, 'generate', '--publications', String(size), '--seed', '1', file], { stdio: 'ignore' });
    const dataDir = mkdtempSync(join(tmpdir(), 'kg-bench-data-'));
    try {
      for (const mode of ['cold', 'warm'] as const) {
        const run = await measure(file, dataDir, size, mode);
        runs.push(run);
        process.stderr.write(`${size} ${mode}: ${run.startSeconds.toFixed(1)} s, ${run.rssStartMb} MB after start-up, ${run.rssQueriedMb} MB after queries\n`);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log('| publications | cache | start-up (s) | RSS after start-up (MB) | RSS after queries (MB) |');
  console.log('| ---: | --- | ---: | ---: | ---: |');
  for (const r of runs) console.log(`| ${r.size.toLocaleString('en')} | ${r.mode} | ${r.startSeconds.toFixed(1)} | ${r.rssStartMb} | ${r.rssQueriedMb} |`);
}

/** Starts the server on a free port, waits until it answers, reads its RSS, runs the queries, reads it again, stops it. */
async function measure(file: string, dataDir: string, size: number, mode: Run['mode']): Promise<Run> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [KG, 'serve', '--data', file, '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'info' },
  });
  try {
    const url = await readyUrl(child);
    await answer(url, QUERIES[0]);
    const startSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rssStartMb = rssMb(child.pid!);
    for (let round = 0; round < 3; round++) for (const q of QUERIES) await answer(url, q);
    return { size, mode, startSeconds, rssStartMb, rssQueriedMb: rssMb(child.pid!) };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

/** Resolves with the GraphQL URL the server logs once it listens. */
function readyUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let buffered = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const entry = safeJson(line);
        if (entry && typeof entry.url === 'string' && /ready/i.test(String(entry.msg))) resolveUrl(entry.url);
      }
    });
    child.once('exit', (code) => reject(new Error(`kg serve exited (${code}) before it was ready`)));
  });
}

/** Sends a query until it is answered: a shed request (503, while start-up work still loads the event loop) is sent again after a second, up to 30 times. */
async function answer(url: string, query: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const body = (await res.json()) as { errors?: { message: string }[] };
    if (res.status === 503 && attempt < 30) {
      await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    if (body.errors?.length) throw new Error(`query failed: ${body.errors[0].message}\n${query}`);
    return;
  }
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return Math.round(kb / 1024);
}

function safeJson(line: string): Record<string, unknown> | null {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});
