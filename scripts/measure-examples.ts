import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Sends every examples/*.graphql operation to a running server a fixed number of times, one at a
 * time, and prints its round trips and median/p95 latency. Usage:
 *   node dist/scripts/measure-examples.js [URL] [RUNS]   (default http://127.0.0.1:4000/graphql, 50)
 */
async function main(): Promise<void> {
  const url = process.argv[2] ?? 'http://127.0.0.1:4000/graphql';
  const runs = Math.min(Number(process.argv[3] ?? 50), 1000);
  const dir = join(__dirname, '..', '..', 'examples');
  const files = readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort();
  process.stdout.write(`| example | round trips | median ms | p95 ms |\n| --- | ---: | ---: | ---: |\n`);
  for (const file of files) {
    const query = readFileSync(join(dir, file), 'utf8');
    const times: number[] = [];
    let roundTrips = 0;
    for (let i = 0; i < runs + 5; i++) {
      const t0 = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const body = (await res.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(`${file}: ${JSON.stringify(body.errors)}`);
      if (i >= 5) times.push(performance.now() - t0); // the first five warm caches and the JIT
      roundTrips = Number(res.headers.get('x-kg-round-trips'));
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
    process.stdout.write(`| ${file} | ${roundTrips} | ${at(0.5)} | ${at(0.95)} |\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
