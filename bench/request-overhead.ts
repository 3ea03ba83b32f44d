import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';

type Options = Parameters<typeof autocannon>[0];
type Result = Parameters<Parameters<typeof autocannon>[1]>[1];

/**
 * The server's fixed cost per request: CPU milliseconds per request of `kg serve` on the bundled
 * sample (embedded store, response cache off, per-client budgets off), for a query with nothing to
 * read and two light ones, under 8 connections:
 *   npm run bench:overhead [-- REQUESTS]        (default 30000 per query, after 3000 to warm up)
 * CPU is the server process's user + system time from /proc, so the load generator is not counted.
 * Prints one Markdown table.
 */
const KG = resolve(__dirname, '..', 'src', 'cli', 'kg.js');
const QUERIES: Record<string, string> = {
  '{ __typename }': '{ __typename }',
  'themes with counts': '{ themes { id name publicationCount } }',
  'a country\'s themes': '{ country(id: "Country:BD") { id name themes { theme { id name } count } } }',
};
const TICKS_PER_S = 100;

const load = (options: Options) => new Promise<Result>((resolveRun, reject) => {
  autocannon(options, (err, result) => (err ? reject(err) : resolveRun(result)));
});

/** The process's user + system CPU so far, ms (Linux /proc). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
}

async function main(): Promise<void> {
  const amount = Number(process.argv[2] ?? 30_000);
  const port = 4600 + Math.floor(Math.random() * 300);
  const dataDir = mkdtempSync(join(tmpdir(), 'kg-overhead-'));
  const child = spawn(process.execPath, [KG, 'serve', '--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir], {
    env: { ...process.env, KG_RESPONSE_CACHE_MB: '0', KG_COST_BUDGET_PER_MIN: '0', KG_MAX_CONCURRENT_PER_CLIENT: '1000', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const started = Date.now();
    for (;;) {
      if (Date.now() - started > 60_000) throw new Error('kg serve did not become ready within 60 s');
      const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    console.log('| query | requests | req/s | p50 ms | server CPU ms / request |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const [name, query] of Object.entries(QUERIES)) {
      const options: Options = { url: `http://127.0.0.1:${port}/graphql`, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }), connections: 8 };
      await load({ ...options, amount: 3_000 });
      const before = cpuMs(child.pid!);
      const result = await load({ ...options, amount });
      const used = cpuMs(child.pid!) - before;
      if (result.non2xx || result.errors) throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
      console.log(`| ${name} | ${result.requests.total} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${(used / result.requests.total).toFixed(3)} |`);
    }
  } finally {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
