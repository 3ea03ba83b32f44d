import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runImport } from '../../src/cli/import.command';
import { exportForNeo4jAdmin } from '../../src/cli/neo4j-admin.export';
import { InvalidInputError } from '../../src/domain/errors';
import { generateLibrary, toListing } from '../../src/ingest/library.generator';
import { Neo4jRunner } from '../../src/store/neo4j/neo4j.runner';
import { applySchema } from '../../src/store/neo4j/neo4j.schema';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import { gql, startTestServer } from '../helpers/api';
import { describeNeo4j, testRunner, wipeDatabase } from '../helpers/neo4j';
import { seedListingPath } from '../helpers/seed';
import { ensureJars, missingTools, REPO_ROOT, startNeo4j, type LocalNeo4j } from '../neo4j/neo4j-server';

const ci = process.env.CI === 'true' || process.env.CI === '1';
// This file runs Neo4j's import tool and starts a Neo4j of its own on what it wrote, so it needs
// Java and Maven even when the suite's Neo4j comes from NEO4J_URI. Without them it is skipped
// loudly, except under CI, where that is a failure.
const missing = missingTools();
const skip = missing && !ci ? missing : undefined;
if (skip) process.stdout.write(`[neo4j] SKIPPING test/integration/neo4j-admin-export.int.test.ts: ${skip}\n`);
const describeOwn = skip ? describe.skip : describeNeo4j;

const EXAMPLES = join(REPO_ROOT, 'examples');

/** Properties that record when something was written (the two loads run at different times) or how a run was batched. */
const WHEN = new Set(['at', 'atMs', 'startedAt', 'updatedAt', 'finishedAt']);
// A run's key hashes its batch size with its records (a bulk load is one batch; kg import's default
// is batches of 2,000), and a finished run's empty list of pending orphans is the import tool's absent one.
const RUN_MECHANICS = new Set(['id', 'key', 'batchSize', 'batchesCommitted', 'attempts', 'atomic']);

/** Every node and relationship of the graph, with each property's value and Cypher type, sorted; the volatile ones left out. */
async function snapshot(runner: Neo4jRunner): Promise<{ nodes: string[]; relationships: string[]; counts: Record<string, number> }> {
  const nodeRows = await runner.read(`MATCH (n)
    RETURN labels(n) AS labels, [k IN keys(n) | [k, valueType(n[k]), n[k]]] AS props`);
  const relRows = await runner.read(`MATCH (a)-[r]->(b)
    RETURN type(r) AS type, coalesce(a.id, a.name) AS from, coalesce(b.id, b.name) AS to, [k IN keys(r) | [k, valueType(r[k]), r[k]]] AS props`);
  const keep = (label: string, props: unknown[][]) => props
    .filter(([k, , v]) => !WHEN.has(k as string) && !(label === 'ImportRun' && (RUN_MECHANICS.has(k as string) || (k === 'orphans' && Array.isArray(v) && v.length === 0))) && !(label === 'GraphVersion' && k === 'version'))
    .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
  const counts: Record<string, number> = {};
  const nodes = nodeRows.map((row) => {
    const label = (row.labels as string[]).join(':');
    counts[label] = (counts[label] ?? 0) + 1;
    return `${label} ${JSON.stringify(keep(label, row.props as unknown[][]))}`;
  }).sort();
  const relationships = relRows.map((row) => {
    counts[`-[:${row.type}]->`] = (counts[`-[:${row.type}]->`] ?? 0) + 1;
    return `${row.from} -[:${row.type} ${JSON.stringify(keep(row.type as string, row.props as unknown[][]))}]-> ${row.to}`;
  }).sort();
  return { nodes, relationships, counts };
}

/** Sends every read example of examples/ to the server and returns the answers by file. */
async function exampleAnswers(url: string): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.graphql')).sort()) {
    const query = readFileSync(join(EXAMPLES, file), 'utf8');
    if (/^\s*mutation\b/m.test(query)) continue;
    const res = await gql(url, query);
    answers[file] = { status: res.status, errors: res.errors, data: res.data };
  }
  return answers;
}

describeOwn('kg export --format neo4j-admin, loaded by Neo4j\'s import tool (real Neo4j)', () => {
  const work = mkdtempSync(join(tmpdir(), 'kg-admin-export-'));
  const generated = join(work, 'generated.txt');
  const home = join(work, 'neo4j-home');
  const out = join(work, 'bulk');
  let files: string[];
  let bulk: LocalNeo4j | undefined;
  let bulkRunner: Neo4jRunner | undefined;
  let imported: Neo4jRunner;
  let printed = '';

  beforeAll(async () => {
    writeFileSync(generated, toListing(generateLibrary({ publications: 300, seed: 'admin-export' })));
    files = [seedListingPath(), generated];
    const sink = new PassThrough();
    sink.on('data', (chunk: Buffer) => { printed += chunk.toString(); });
    await exportForNeo4jAdmin(out, files, {}, sink);
  }, 120_000);

  afterAll(async () => {
    await bulkRunner?.close();
    await bulk?.stop();
    await imported?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('writes the CSV files with their headers and prints the command that loads them', () => {
    expect(readdirSync(out).sort()).toEqual(expect.arrayContaining(['publications.csv', 'authors.csv', 'about.csv', 'covers.csv', 'import-run.csv', 'import.sh']));
    expect(readFileSync(join(out, 'publications.csv'), 'utf8').split('\n')[0]).toBe('id:ID,title,abstract,year:double,scope,sourceCategory,language,contentHash,searchKey,version:long');
    expect(readFileSync(join(out, 'about.csv'), 'utf8').split('\n')[0]).toBe(':START_ID,:END_ID,score:double,evidence:string[],by,at');
    expect(printed).toMatch(/^wrote \d+ files to .*: \d+ publications, \d+ relationships$/m);
    expect(printed).toContain('neo4j-admin database import full neo4j --array-delimiter=U+001F --bad-tolerance=0');
    expect(readdirSync(work).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('refuses bad input at its file and line, and a folder that is not empty, writing nothing', async () => {
    const bad = join(work, 'bad.txt');
    writeFileSync(bad, readFileSync(seedListingPath(), 'utf8').replace(/^Year\n.*$/m, 'Year\nnineteen'));
    const target = join(work, 'never');
    const refused = await exportForNeo4jAdmin(target, [bad], {}, new PassThrough()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidInputError);
    expect((refused as Error).message).toMatch(/bad\.txt:\d+/);
    expect(readdirSync(work).filter((f) => f === 'never' || f.includes('.partial-'))).toEqual([]);
    await expect(exportForNeo4jAdmin(out, files, {}, new PassThrough())).rejects.toThrow(/must be a new or empty folder/);
  });

  it('loads into a fresh database with the import tool, and gives the graph kg import writes: the same nodes, relationships, properties and answers', async () => {
    // Neo4j's own import tool, from the harness jars (neo4j-import-tool is among them), into a new home.
    const { dir } = ensureJars();
    mkdirSync(home, { recursive: true });
    expect(readFileSync(join(out, 'import.sh'), 'utf8')).toContain('exec neo4j-admin database import full "${DATABASE:-neo4j}" \\\n  --array-delimiter=U+001F');
    // The script the export wrote, as a user runs it, with `neo4j-admin` the harness jars' AdminTool.
    const bin = join(work, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'neo4j-admin'), `#!/bin/sh\nexec java -Xmx512m -cp '${dir}/*' org.neo4j.cli.AdminTool "$@"\n`, { mode: 0o755 });
    // The tool writes its import.report into its working folder: the test's own, not the checkout.
    const tool = spawnSync('sh', [join(out, 'import.sh')], {
      cwd: work,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, NEO4J_HOME: home, NEO4J_CONF: join(home, 'conf') },
      encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 180_000,
    });
    expect({ status: tool.status, tail: `${tool.stdout}${tool.stderr}`.slice(-2000) }).toEqual({ status: 0, tail: expect.stringContaining('IMPORT DONE') });

    // Neo4j on that database, then the constraints and indexes, as `kg db migrate` applies them.
    bulk = await startNeo4j({ dataDir: home, heap: '512m' });
    bulkRunner = Neo4jRunner.connect({ uri: bulk.uri, queryTimeoutMs: 60_000, writeTimeoutMs: 120_000 });
    await applySchema(bulkRunner);
    await bulkRunner.write((tx) => tx.run('CALL db.awaitIndexes(120)'));

    // The same files through kg import, into the suite's emptied Neo4j.
    imported = testRunner({ queryTimeoutMs: 60_000 });
    await wipeDatabase(imported);
    await runImport(files, {}, new PassThrough());
    await imported.write((tx) => tx.run('CALL db.awaitIndexes(120)'));

    const [a, b] = [await snapshot(bulkRunner), await snapshot(imported)];
    expect(a.counts).toEqual(b.counts);
    expect(a.counts.Publication).toBeGreaterThan(300);
    expect(a.counts['-[:ABOUT]->']).toBeGreaterThan(300);
    expect(a.nodes).toEqual(b.nodes);
    expect(a.relationships).toEqual(b.relationships);

    // The API's example operations answer the same on both.
    const bulkServer = await startTestServer(new Neo4jStore(bulkRunner), { costBudgetPerMin: 0, queryTimeoutMs: 60_000 });
    const importServer = await startTestServer(new Neo4jStore(imported), { costBudgetPerMin: 0, queryTimeoutMs: 60_000 });
    try {
      const [fromBulk, fromImport] = [await exampleAnswers(bulkServer.url), await exampleAnswers(importServer.url)];
      expect(Object.keys(fromBulk).length).toBeGreaterThan(10);
      for (const answer of Object.values(fromBulk)) expect(answer).toMatchObject({ status: 200, errors: undefined });
      expect(fromBulk).toEqual(fromImport);
    } finally {
      await bulkServer.stop();
      await importServer.stop();
    }
  }, 600_000);
});
