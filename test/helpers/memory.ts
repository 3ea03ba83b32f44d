import { readFileSync } from 'node:fs';
import { prepareImport } from '../../src/ingest/prepare-import';
import { MemoryStore } from '../../src/store/memory/memory.store';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import type { GraphStore } from '../../src/store/store';
import { EXTRA } from '../contract/contract.fixture';
import { seedNeo4j, testRunner } from './neo4j';
import { seedListingText } from './seed';

/** Returns an embedded store holding the real seed page, imported as `kg serve --data` would. */
export async function seededMemoryStore(): Promise<MemoryStore> {
  const prepared = prepareImport([{ file: 'seed-listing.txt', text: seedListingText() }]);
  if (prepared.problems.length) throw new Error(`the seed page did not import: ${JSON.stringify(prepared.problems)}`);
  const store = new MemoryStore();
  await store.importPublications(prepared.records, prepared.reference);
  return store;
}

/**
 * The seed page and the contract's extra entries in a fresh store of either kind, as the HTTP
 * suites serve them: the embedded store, or the test setup's Neo4j (seeded, then these imported).
 */
export async function seedAndExtraStore(kind: 'embedded' | 'neo4j'): Promise<{ store: GraphStore; close: () => Promise<void> }> {
  const prepared = prepareImport([{ file: 'seed.txt', text: seedListingText() }, { file: 'extra.txt', text: readFileSync(EXTRA, 'utf8') }]);
  if (kind === 'embedded') {
    const store = new MemoryStore();
    await store.importPublications(prepared.records, prepared.reference);
    return { store, close: () => store.close() };
  }
  await seedNeo4j();
  const runner = testRunner();
  const store = new Neo4jStore(runner);
  await store.importPublications(prepared.records, prepared.reference);
  // Closing the store closes its runner.
  return { store, close: () => store.close() };
}
