import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describeNeo4j } from '../helpers/neo4j';

const execFileP = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');

interface Result {
  agreement: { op: string; agreed: boolean; targets: string[] }[];
  loads: { op: string; target: string; requests: number; rps: number; p50: number; p95: number; p99: number; errors: number; roundTrips: number; rssMaxMb: number }[];
  imports: { size: number; rate: number }[];
}

/**
 * A smoke run of the benchmark harness (`npm run bench -- --quick`, smaller still): a tiny library
 * imported into the suite's Neo4j (wiped: the tests own it), the three targets started, every
 * operation's answers compared across them, and a second of load per (operation, target).
 * The full benchmark is a command for people (docs/benchmarks.md), not part of the test run.
 */
describeNeo4j('bench harness (smoke)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kg-bench-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers every operation the same on all targets and measures each', async () => {
    await execFileP(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'bench')], { cwd: ROOT });
    const out = join(dir, 'results.json');
    const { stdout } = await execFileP(
      process.execPath,
      [join(ROOT, 'dist', 'bench', 'run.js'), '--quick', '--wipe', '--sizes', '200', '--duration', '1', '--warmup', '0.2', '--connections', '2', '--timeout', '240', '--out', out],
      { cwd: ROOT, env: process.env, maxBuffer: 16 << 20, timeout: 250_000 },
    );
    const result = JSON.parse(readFileSync(out, 'utf8')) as Result;
    const ops = ['publication-page', 'theme-traversal', 'country-themes', 'related-themes', 'facets', 'shortest-path', 'theme-matrix', 'neighborhood', 'suggest'];
    expect(result.agreement.map((a) => a.op).sort()).toEqual([...ops].sort());
    for (const a of result.agreement) expect(a).toMatchObject({ agreed: true, targets: ['kg', 'kg-warm', 'neo4j-graphql', 'cypher'] });
    expect(result.loads).toHaveLength(ops.length * 4);
    for (const l of result.loads) {
      expect(l.errors).toBe(0);
      expect(l.requests).toBeGreaterThan(0);
      for (const n of [l.rps, l.p50, l.p95, l.p99, l.rssMaxMb]) expect(n).toBeGreaterThan(0);
      // The warm server answers a repeat from memory; every other target goes to the store.
      if (l.target === 'kg-warm') expect(l.roundTrips).toBe(0);
      else expect(l.roundTrips).toBeGreaterThanOrEqual(1);
    }
    expect(result.imports).toEqual([expect.objectContaining({ size: 200 })]);
    expect(stdout).toContain('| size | operation | target | req/s |');
  }, 300_000);
});
