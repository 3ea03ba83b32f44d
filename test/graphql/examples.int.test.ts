import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runImport } from '../../src/cli/import.command';
import type { RunningServer } from '../../src/server/http.server';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import { gql, startTestServer } from '../helpers/api';
import { describeNeo4j, testRunner, wipeDatabase } from '../helpers/neo4j';
import { seedListingPath } from '../helpers/seed';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.graphql')).sort();

describeNeo4j('every example in examples/ runs against the seeded graph (real Neo4j)', () => {
  let store: Neo4jStore;
  let server: RunningServer;

  beforeAll(async () => {
    const runner = testRunner();
    await wipeDatabase(runner);
    await runner.close();
    await runImport([seedListingPath()], {}, new PassThrough());
    store = new Neo4jStore(testRunner());
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server?.stop();
    await store?.close();
  });

  it('has examples', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s answers without errors and with data', async (file) => {
    const res = await gql(server.url, readFileSync(join(EXAMPLES, file), 'utf8'));
    expect(res.errors).toBeUndefined();
    const root = Object.values(res.data ?? {})[0];
    expect(root).toBeTruthy();
    expect(JSON.stringify(root).length).toBeGreaterThan(20);
  });
});
