import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { InvalidInputError } from '../../src/domain/errors';
import { runImport } from '../../src/cli/import.command';
import { generateLibrary, toListing } from '../../src/ingest/library.generator';
import { prepareImport } from '../../src/ingest/prepare-import';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import type { Neo4jRunner } from '../../src/store/neo4j/neo4j.runner';
import { publicationSnapshot, totals } from '../helpers/graph-snapshot';
import { describeNeo4j, testRunner, wipeDatabase } from '../helpers/neo4j';

const ROOT = join(__dirname, '..', '..');
const execFileP = promisify(execFile);

/** More entries than two write batches, so batches are sent before the last entry is resolved. */
const SIZE = 4_500;
const BAD_ENTRY = 'Broken Last Entry\n\nAn abstract about child labour in Ghana.\nCountry\nGhana\nRegion\nAfrica\nYear\n20x9\n';

// `kg import --atomic`: the one-transaction mode, written while it is prepared (batched imports,
// the default, check everything first: import-runs.int.test.ts).
describeNeo4j('kg import --atomic writes while it prepares, and is still all or nothing', () => {
  let runner: Neo4jRunner;
  let good: string;
  let bad: string;
  let expected: { snapshot: unknown[]; totals: unknown };

  beforeAll(async () => {
    runner = testRunner();
    const dir = mkdtempSync(join(tmpdir(), 'kg-stream-'));
    const listing = toListing(generateLibrary({ publications: SIZE, seed: 'import-stream' }));
    good = join(dir, 'library.txt');
    bad = join(dir, 'library-bad-last.txt');
    writeFileSync(good, listing);
    writeFileSync(bad, `${listing}\n${BAD_ENTRY}`);

    // The graph the classic path writes: everything prepared first, then one importPublications.
    await wipeDatabase(runner);
    const prepared = prepareImport([{ file: good, text: readFileSync(good, 'utf8') }]);
    const store = new Neo4jStore(testRunner());
    await store.importPublications(prepared.records, prepared.reference);
    await store.close();
    expected = { snapshot: await publicationSnapshot(runner), totals: await totals(runner) };
  }, 120_000);
  afterAll(() => runner.close());

  async function importFiles(files: string[]) {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c) => (text += c));
    const summary = await runImport(files, { atomic: true }, out);
    return { summary, text };
  }

  it('writes nothing when only the last entry of a large file is bad', async () => {
    await wipeDatabase(runner);
    const attempt = importFiles([bad]);
    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    await expect(attempt).rejects.toThrow(/library-bad-last\.txt:\d+: year: "20x9" is not a 4-digit year/);
    expect(await totals(runner)).toEqual({ nodes: 0, relationships: 0 });
  });

  it('writes the graph that preparing everything first writes, with the same summary', async () => {
    await wipeDatabase(runner);
    const { summary, text } = await importFiles([good]);
    expect(summary).toMatchObject({ created: SIZE, updated: 0, unchanged: 0 });
    expect(summary.relationshipsWritten).toBeGreaterThan(3 * SIZE);
    expect(text).toMatch(new RegExp(`publications: ${SIZE} created, 0 updated, 0 unchanged`));
    expect(await publicationSnapshot(runner)).toEqual(expected.snapshot);
    expect(await totals(runner)).toEqual(expected.totals);
    const again = await importFiles([good]);
    expect(again.summary).toMatchObject({ created: 0, updated: 0, unchanged: SIZE, relationshipsWritten: 0, relationshipsDeleted: 0 });
  });

  describe('the compiled command (preparing on a worker thread)', () => {
    const kg = (...args: string[]) =>
      execFileP(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'kg.js'), ...args], { cwd: ROOT, env: process.env, maxBuffer: 16 << 20 })
        .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
        .catch((err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }));

    beforeAll(() => {
      const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    }, 120_000);

    it('rejects a file whose last entry is bad, writing nothing', async () => {
      await wipeDatabase(runner);
      const run = await kg('import', '--atomic', bad);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/INVALID_INPUT_FILE: 1 problem\(s\) in input:\n\s+.*library-bad-last\.txt:\d+: year: "20x9"/);
      expect(await totals(runner)).toEqual({ nodes: 0, relationships: 0 });
    }, 60_000);

    it('imports the file as the in-process import does', async () => {
      await wipeDatabase(runner);
      const run = await kg('import', '--atomic', good);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(new RegExp(`publications: ${SIZE} created, 0 updated, 0 unchanged`));
      expect(await publicationSnapshot(runner)).toEqual(expected.snapshot);
    }, 60_000);
  });
});
