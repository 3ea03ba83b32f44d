/**
 * What access control costs per request: `npm run bench:access` (after a build). Starts `kg serve`
 * on the embedded store as a child process, with an HS256 secret and a data directory holding one
 * API key, and loads it with autocannon sending the same operation anonymously, with the API key
 * (Authorization: Bearer, and X-API-Key) and with a JWT, in rounds whose order rotates. Prints req/s and
 * latency percentiles per credential. Budgets are off, so nothing is refused.
 *
 *   --duration S     seconds per round (default 5)   --rounds N   rounds per credential (default 4)
 *   --connections C  concurrent connections (default 16)
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

type Result = Parameters<Parameters<typeof autocannon>[1]>[1];

const ROOT = resolve(__dirname, '..', '..');
const KG = join(ROOT, 'dist', 'src', 'cli', 'kg.js');
const SECRET = 'bench-secret-of-at-least-thirty-two-bytes-000000';
const QUERY = JSON.stringify({ query: '{ me { name } themes { id name } }' });

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { duration: { type: 'string', default: '5' }, rounds: { type: 'string', default: '4' }, connections: { type: 'string', default: '16' } } });
  const duration = Number(values.duration);
  const rounds = Number(values.rounds);
  const connections = Number(values.connections);
  const dataDir = mkdtempSync(join(tmpdir(), 'kg-bench-access-'));
  const env: NodeJS.ProcessEnv = { ...process.env, KG_AUTH_JWT_SECRET: SECRET, KG_DATA_DIR: dataDir, LOG_LEVEL: 'warn', KG_COST_BUDGET_PER_MIN: '0', KG_COST_BUDGET_PER_MIN_READER: '0', KG_COST_BUDGET_PER_MIN_CURATOR: '0', KG_COST_BUDGET_PER_MIN_ADMIN: '0', KG_MAX_QUEUED_PER_CLIENT: '1000' };
  delete env.NEO4J_URI;
  const run = (args: string[]) => {
    const out = spawnSync(process.execPath, [KG, ...args], { env, encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`kg ${args.join(' ')} failed: ${out.stderr}`);
    return out.stdout.trim();
  };
  const key = run(['keys', 'create', '--name', 'bench', '--role', 'reader']);
  const token = run(['token', '--sub', 'bench', '--role', 'reader', '--ttl', '1h']);
  const child = spawn(process.execPath, [KG, 'serve', '--port', '0'], { env: { ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error('kg serve did not start in 60 s')), 60_000);
      createInterface({ input: child.stderr! }).on('line', (line) => {
        try {
          const entry = JSON.parse(line) as { url?: string };
          if (entry.url) {
            clearTimeout(timer);
            resolveUrl(entry.url);
          }
        } catch {
          // not a log line
        }
      });
    });
    const credentials: [string, Record<string, string>][] = [
      ['anonymous', {}],
      ['API key (X-API-Key)', { 'x-api-key': key }],
      ['API key (Bearer)', { authorization: `Bearer ${key}` }],
      ['JWT (HS256)', { authorization: `Bearer ${token}` }],
    ];
    const load = (headers: Record<string, string>, seconds: number) => new Promise<Result>((done, reject) => {
      autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: QUERY, connections, duration: seconds, timeout: 10 }, (err, res) => (err ? reject(err) : done(res)));
    });
    for (const [, headers] of credentials) await load(headers, 1); // warm-up
    const results = new Map<string, Result[]>();
    for (let round = 0; round < rounds; round++) {
      // Each round starts one credential later, so none always runs in the same position.
      const order = credentials.map((_, i) => credentials[(i + round) % credentials.length]!);
      for (const [name, headers] of order) {
        const res = await load(headers, duration);
        if (res.non2xx > 0 || res.errors > 0) throw new Error(`${name}: ${res.non2xx} non-2xx answers, ${res.errors} errors`);
        results.set(name, [...(results.get(name) ?? []), res]);
      }
    }
    console.log(`access control cost: ${connections} connections, ${rounds} × ${duration} s per credential, order rotating; operation ${QUERY}`);
    console.log('credential'.padEnd(22), 'req/s'.padStart(8), 'vs anon'.padStart(8), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const base = mean(results.get('anonymous')!.map((r) => r.requests.average));
    for (const [name] of credentials) {
      const list = results.get(name)!;
      const rps = mean(list.map((r) => r.requests.average));
      console.log(name.padEnd(22), rps.toFixed(0).padStart(8), `${((rps / base - 1) * 100).toFixed(1)}%`.padStart(8),
        mean(list.map((r) => r.latency.p50)).toFixed(1).padStart(8), mean(list.map((r) => r.latency.p99)).toFixed(1).padStart(8));
    }
  } finally {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
