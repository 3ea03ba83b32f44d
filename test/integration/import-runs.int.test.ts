import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { runImport } from '../../src/cli/import.command';
import { generateLibrary, toListing } from '../../src/ingest/library.generator';
import { prepareImport } from '../../src/ingest/prepare-import';
import { Neo4jRunner } from '../../src/store/neo4j/neo4j.runner';
import { applySchema } from '../../src/store/neo4j/neo4j.schema';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import { KG, ROOT } from '../helpers/kg-cli';
import { describeNeo4j, testRunner, wipeDatabase } from '../helpers/neo4j';
import { startNeo4j, type LocalNeo4j } from '../neo4j/neo4j-server';

const PUBLICATIONS = 1_500;
const BATCH = 20;

/**
 * Every node but the bookkeeping ones (Change, ImportRun, GraphVersion, ChangeSequence) with its
 * labels and properties, every relationship with its ends and properties, all sorted; the times
 * an import stamps (`at`) are left out, since two imports never run at the same instant.
 */
async function graphSnapshot(runner: Neo4jRunner): Promise<{ nodes: unknown[]; relationships: string[]; changes: number; runs: number }> {
  const nodes = await runner.read(`
    MATCH (n) WHERE NOT (n:Change OR n:ImportRun OR n:GraphVersion OR n:ChangeSequence)
    RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id, labels[0]`);
  const rows = await runner.read(`
    MATCH (a)-[r]->(b)
    RETURN a.id AS from, type(r) AS type, b.id AS to, [k IN keys(r) WHERE k <> 'at' | [k, r[k]]] AS props`);
  const relationships = rows.map((row) => JSON.stringify([row.from, row.type, row.to, [...(row.props as unknown[][])].sort()])).sort();
  const [{ changes, runs }] = await runner.read('RETURN COUNT { (:Change) } AS changes, COUNT { (:ImportRun) } AS runs');
  return { nodes, relationships, changes: changes as number, runs: runs as number };
}

/** Runs `kg import` as a child process on `uri`; resolves with its exit code and output. */
function importChild(args: readonly string[], uri: string, onLine: (line: string, child: ChildProcess) => void = () => undefined): Promise<{ code: number | null; signal: string | null; out: string }> {
  const child = spawn(process.execPath, [KG, 'import', ...args], { cwd: ROOT, env: { ...process.env, NEO4J_URI: uri, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  createInterface({ input: child.stderr! }).on('line', (line) => {
    out += `${line}\n`;
    onLine(line, child);
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out });
    });
  });
}

/** Returns a line handler that SIGKILLs the importer once it has committed at least `n` publications. */
function killAfter(n: number, kill: (child: ChildProcess) => void): (line: string, child: ChildProcess) => void {
  let killed = false;
  return (line, child) => {
    const m = /^committed (\d+)\/(\d+) publications$/.exec(line);
    if (!killed && m && Number(m[1]) >= n) {
      killed = true;
      kill(child);
    }
  };
}

describeNeo4j('batched imports: recorded runs, resumed after a kill', () => {
  let dir: string;
  let file: string;
  let runner: Neo4jRunner;
  let uninterrupted: Awaited<ReturnType<typeof graphSnapshot>>;
  beforeAll(async () => {
    const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    dir = mkdtempSync(join(tmpdir(), 'kg-import-runs-'));
    file = join(dir, 'library.txt');
    writeFileSync(file, toListing(generateLibrary({ publications: PUBLICATIONS, seed: 'import-runs' })));
    runner = testRunner();
    await wipeDatabase(runner);
    const done = await importChild(['--batch-size', String(BATCH), file], process.env.NEO4J_URI!);
    expect(done.code).toBe(0);
    uninterrupted = await graphSnapshot(runner);
  }, 300_000);
  afterAll(async () => {
    await runner?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('commits in batches and records the run COMPLETE, with the summary\'s counts', async () => {
    const store = new Neo4jStore(runner);
    const [run] = await store.importRuns(5);
    expect(run).toMatchObject({
      status: 'COMPLETE', atomic: false, batchSize: BATCH, total: PUBLICATIONS, processed: PUBLICATIONS,
      batchesCommitted: Math.ceil(PUBLICATIONS / BATCH), attempts: 1, created: PUBLICATIONS, updated: 0, unchanged: 0,
      files: [{ name: 'library.txt', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }],
    });
    expect(run.relationshipsWritten).toBeGreaterThan(PUBLICATIONS * 3);
    expect(uninterrupted.runs).toBe(1);
    expect(uninterrupted.changes).toBe(PUBLICATIONS);
    // The same graph as one atomic transaction writes.
    await wipeDatabase(runner);
    await runImport([file], { atomic: true }, new PassThrough());
    const atomic = await graphSnapshot(runner);
    expect(atomic.nodes).toEqual(uninterrupted.nodes);
    expect(atomic.relationships).toEqual(uninterrupted.relationships);
    expect(atomic.changes).toBe(uninterrupted.changes);
    const [recorded] = await store.importRuns(1);
    expect(recorded).toMatchObject({ status: 'COMPLETE', atomic: true, total: PUBLICATIONS, created: PUBLICATIONS });
  }, 300_000);

  it('leaves a SIGKILLed import INCOMPLETE, shows it, and completes it when the same command runs again', async () => {
    await wipeDatabase(runner);
    const killed = await importChild(['--batch-size', String(BATCH), file], process.env.NEO4J_URI!, killAfter(200, (child) => child.kill('SIGKILL')));
    expect(killed.signal).toBe('SIGKILL');
    const store = new Neo4jStore(runner);
    const [left] = await store.importRuns(1);
    expect(left.status).toBe('INCOMPLETE');
    expect(left.processed).toBeGreaterThanOrEqual(200);
    expect(left.processed).toBeLessThan(PUBLICATIONS);
    // The counts are those of the committed batches, exactly.
    const [{ n }] = await runner.read('RETURN COUNT { (:Publication) } AS n');
    expect(left.created).toBe(n);
    expect(left.processed).toBe(left.batchesCommitted * BATCH);

    const status = await importChild(['--status'], process.env.NEO4J_URI!);
    expect(status.code).toBe(0);
    expect(status.out).toContain(`${left.id} INCOMPLETE (run the same command again to resume it)`);

    const again = await importChild(['--batch-size', String(BATCH), file], process.env.NEO4J_URI!);
    expect(again.code).toBe(0);
    expect(again.out).toContain(`resuming ${left.id} (attempt 2): ${left.batchesCommitted} batch(es)`);
    // What the run did in all, as an uninterrupted import reports it.
    expect(again.out).toMatch(new RegExp(`publications: ${PUBLICATIONS} created, 0 updated, 0 unchanged`));
    const [finished] = await store.importRuns(1);
    expect(finished).toMatchObject({ id: left.id, status: 'COMPLETE', attempts: 2, processed: PUBLICATIONS, created: PUBLICATIONS });
    const resumed = await graphSnapshot(runner);
    expect(resumed.nodes).toEqual(uninterrupted.nodes);
    expect(resumed.relationships).toEqual(uninterrupted.relationships);
    expect(resumed.changes).toBe(uninterrupted.changes);
    expect(resumed.runs).toBe(1);
  }, 300_000);

  it('survives Neo4j being killed midway: the run stays INCOMPLETE and the same command completes it', async () => {
    const dataDir = join(ROOT, '.cache', 'neo4j-data', `import-runs-${process.pid}`);
    mkdirSync(dataDir, { recursive: true });
    let neo4j: LocalNeo4j | undefined;
    let own: Neo4jRunner | undefined;
    try {
      neo4j = await startNeo4j({ dataDir });
      own = Neo4jRunner.connect({ uri: neo4j.uri, queryTimeoutMs: 30_000, writeTimeoutMs: 120_000 });
      await applySchema(own);
      await own.close();
      own = undefined;
      const first = neo4j;
      const killed = await importChild(['--batch-size', String(BATCH), file], neo4j.uri, killAfter(200, () => process.kill(first.pid, 'SIGKILL')));
      expect(killed.code).not.toBe(0);
      expect(killed.out).toMatch(/stopped INCOMPLETE with \d+ of 1500 publications committed; run the same command again to resume it/);
      await neo4j.stop();
      // Started again on its files, at its port.
      neo4j = await startNeo4j({ dataDir, port: Number(new URL(neo4j.uri).port) });
      own = Neo4jRunner.connect({ uri: neo4j.uri, queryTimeoutMs: 30_000, writeTimeoutMs: 120_000 });
      const [left] = await new Neo4jStore(own).importRuns(1);
      expect(left.status).toBe('INCOMPLETE');
      expect(left.processed).toBeLessThan(PUBLICATIONS);
      const again = await importChild(['--batch-size', String(BATCH), file], neo4j.uri);
      expect(again.code).toBe(0);
      expect(again.out).toContain(`resuming ${left.id}`);
      const resumed = await graphSnapshot(own);
      expect(resumed.nodes).toEqual(uninterrupted.nodes);
      expect(resumed.relationships).toEqual(uninterrupted.relationships);
      expect(resumed.changes).toBe(uninterrupted.changes);
    } finally {
      await own?.close();
      await neo4j?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 400_000);

  it('checks every entry before the first write: a bad entry anywhere writes nothing, not even a run', async () => {
    await wipeDatabase(runner);
    const bad = join(dir, 'bad.txt');
    const text = toListing(generateLibrary({ publications: 300, seed: 'import-runs-bad' }));
    // The last entry's year is broken: every batch before it would be valid.
    const at = text.lastIndexOf('\nYear\n');
    const broken = `${text.slice(0, at)}\nYear\nnineteen-ninety${text.slice(text.indexOf('\n', at + 6))}`;
    writeFileSync(bad, broken);
    expect(prepareImport([{ file: bad, text: broken }]).problems).toHaveLength(1);
    const failed = await importChild(['--batch-size', '10', bad], process.env.NEO4J_URI!);
    expect(failed.code).not.toBe(0);
    expect(failed.out).toMatch(/bad\.txt:\d+/);
    const [{ n }] = await runner.read('RETURN COUNT { (n) } AS n');
    expect(n).toBe(0);
  }, 120_000);
});
