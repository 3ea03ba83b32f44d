import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newApiKey } from '../../src/domain/api-key.secret';
import { prepareImport } from '../../src/ingest/prepare-import';
import type { RunningServer } from '../../src/server/http.server';
import { MemoryStore } from '../../src/store/memory/memory.store';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import { gql, startTestServer } from '../helpers/api';
import { describeNeo4j, seedNeo4j, testRunner } from '../helpers/neo4j';
import { seedListingText } from '../helpers/seed';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.graphql')).sort();
/** Full-text relevance scores differ between Lucene and MiniSearch (docs/stores.md); hits must not. */
const RELEVANCE_RANKED = new Set(['search.graphql']);

describeNeo4j('every example in examples/ runs on both stores, loaded with the seed page, with identical answers', () => {
  let neo4j: Neo4jStore;
  let memory: MemoryStore;
  let onNeo4j: RunningServer;
  let onMemory: RunningServer;

  /** Mutation examples run as an admin (who may do what curators do), with the same key name on both stores (the change feed records it). */
  const curator = newApiKey('example-admin', 'admin', null);
  beforeAll(async () => {
    await seedNeo4j();
    neo4j = new Neo4jStore(testRunner(), undefined, { referenceCacheMs: 60_000 });
    memory = new MemoryStore();
    const prepared = prepareImport([{ file: 'seed.txt', text: seedListingText() }]);
    await memory.importPublications(prepared.records, prepared.reference);
    await neo4j.apiKeys.create(curator.record);
    await memory.apiKeys.create(curator.record);
    onNeo4j = await startTestServer(neo4j);
    onMemory = await startTestServer(memory);
  });
  afterAll(async () => {
    await onNeo4j?.stop();
    await onMemory?.stop();
    await neo4j?.close();
    await memory?.close();
  });

  it('has an example per use', () => {
    expect(files.length).toBeGreaterThanOrEqual(11);
  });

  it.each(files)('%s answers with data, the same on Neo4j and on the embedded store', async (file) => {
    const query = readFileSync(join(EXAMPLES, file), 'utf8');
    const headers: Record<string, string> = /^\s*mutation\b/m.test(query) ? { authorization: `Bearer ${curator.secret}` } : {};
    const [a, b] = await Promise.all([gql(onNeo4j.url, query, {}, headers), gql(onMemory.url, query, {}, headers)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    const root = Object.values(a.data ?? {})[0];
    expect(root).toBeTruthy();
    expect(JSON.stringify(root).length).toBeGreaterThan(20);
    if (RELEVANCE_RANKED.has(file)) {
      const ids = (d: unknown) => (Object.values(d as object)[0] as { node: { id: string } }[]).map((h) => h.node.id).sort();
      expect(ids(b.data)).toEqual(ids(a.data));
    } else {
      expect(b.data).toEqual(a.data);
    }
  });
});
