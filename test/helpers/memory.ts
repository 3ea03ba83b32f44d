import { prepareImport } from '../../src/ingest/prepare-import';
import { MemoryStore } from '../../src/store/memory/memory.store';
import { seedListingText } from './seed';

/** Returns an embedded store holding the real seed page, imported as `kg serve --data` would. */
export async function seededMemoryStore(): Promise<MemoryStore> {
  const prepared = prepareImport([{ file: 'seed-listing.txt', text: seedListingText() }]);
  if (prepared.problems.length) throw new Error(`the seed page did not import: ${JSON.stringify(prepared.problems)}`);
  const store = new MemoryStore();
  await store.importPublications(prepared.records, prepared.reference);
  return store;
}
