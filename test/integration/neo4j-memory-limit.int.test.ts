import { ResourceLimitError } from '../../src/domain/errors';
import { formatError } from '../../src/graphql/errors';
import { generateLibrary, toListing } from '../../src/ingest/library.generator';
import { prepareImport } from '../../src/ingest/prepare-import';
import { Neo4jRunner } from '../../src/store/neo4j/neo4j.runner';
import { applySchema } from '../../src/store/neo4j/neo4j.schema';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import { LocalNeo4j, startNeo4j } from '../neo4j/neo4j-server';
import { describeNeo4j } from '../helpers/neo4j';

// A Neo4j with a 256 MB heap allows its transactions about 180 MB together (70% of the heap, the
// default of dbms.memory.transaction.total.max): an import of 10,000 new publications needs more.
describeNeo4j('an import larger than Neo4j allows one transaction', () => {
  let neo4j: LocalNeo4j;
  let runner: Neo4jRunner;
  beforeAll(async () => {
    neo4j = await startNeo4j({ heap: '256m', pageCacheMb: 64 });
    runner = Neo4jRunner.connect({ uri: neo4j.uri, queryTimeoutMs: 30_000, writeTimeoutMs: 120_000 });
    await applySchema(runner);
  }, 120_000);
  afterAll(async () => {
    await runner?.close();
    await neo4j?.stop();
  });

  it('fails with a RESOURCE_LIMIT error that says what to do, and writes nothing', async () => {
    const store = new Neo4jStore(runner);
    const prepared = prepareImport([{ file: 'large.txt', text: toListing(generateLibrary({ publications: 10_000, seed: 'memory-limit' })) }]);
    const error = await store.importPublications(prepared.records, prepared.reference).then(() => undefined, (err: unknown) => err);
    expect(error).toBeInstanceOf(ResourceLimitError);
    expect(error).toMatchObject({ code: 'RESOURCE_LIMIT' });
    const message = (error as Error).message;
    expect(message).toMatch(/^the import of 10000 publication\(s\) is one transaction and needs more memory than Neo4j allows/);
    expect(message).toContain('nothing was written');
    expect(message).toContain('Import the files in several runs');
    // Neo4j's own words stay in the message, for the operator.
    expect(message).toContain('dbms.memory.transaction.total.max threshold reached');
    const [{ n }] = await runner.read('MATCH (n) RETURN count(n) AS n');
    expect(n).toBe(0);
    // A GraphQL client sees the code, not an internal error.
    const formatted = formatError({ message: 'x' }, error, () => { throw new Error('not internal'); });
    expect(formatted.extensions).toEqual({ code: 'RESOURCE_LIMIT' });
  }, 180_000);

  it('imports the same publications in bounded transactions (the default of kg import) on that heap', async () => {
    const store = new Neo4jStore(runner);
    const prepared = prepareImport([{ file: 'large.txt', text: toListing(generateLibrary({ publications: 10_000, seed: 'memory-limit' })) }]);
    const summary = await store.importPublications(prepared.records, prepared.reference, { run: { files: [{ name: 'large.txt', sha256: 'not-checked' }], batchSize: 1_000 } });
    expect(summary.created).toBe(10_000);
    const [{ n }] = await runner.read('MATCH (p:Publication) RETURN count(p) AS n');
    expect(n).toBe(10_000);
    const [run] = await store.importRuns(1);
    expect(run).toMatchObject({ status: 'COMPLETE', batchesCommitted: 10, processed: 10_000, created: 10_000 });
  }, 300_000);
});
