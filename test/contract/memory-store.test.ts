import { IMPORT_ACTOR } from '../../src/domain/curation.types';
import { readFileSync } from 'node:fs';
import { ConflictError } from '../../src/domain/errors';
import type { PublicationRecord, ReferenceData } from '../../src/domain/import.types';
import { prepareImport, type PreparedImport } from '../../src/ingest/prepare-import';
import { MemoryStore } from '../../src/store/memory/memory.store';
import type { GraphStore } from '../../src/store/store';
import { seedListingPath } from '../helpers/seed';
import { EXTRA, P, ids } from './contract.fixture';
import { describeCurationContract } from './curation.contract';
import { describeStoreContract } from './store.contract';

/** Reads listing files through the importer, as `kg import` does. */
function prepare(files: string[]): PreparedImport {
  const prepared = prepareImport(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })));
  if (prepared.problems.length) throw new Error(`fixture problems: ${JSON.stringify(prepared.problems)}`);
  return prepared;
}

/** A fresh embedded store as the contracts want it. */
async function memoryContractStore() {
  const store = new MemoryStore();
  return {
    store,
    // Closing releases everything, which leaves the store empty and usable.
    reset: () => store.close(),
    load: async (files: string[]) => {
      const { records, reference } = prepare(files);
      await store.importPublications(records, reference);
    },
  };
}

describeStoreContract('memory', memoryContractStore);

/** Returns everything observable about a store's graph, for before/after comparisons. */
async function snapshot(store: GraphStore): Promise<unknown> {
  const all = await store.findPublications({}, { field: 'TITLE', direction: 'ASC' }, { first: 100 });
  const pubIds = all.items.map((i) => i.node.id);
  const authors = await store.listAuthors({ first: 100 });
  return {
    counts: await store.counts(),
    publications: all.items.map((i) => i.node),
    authors: authors.items.map((i) => i.node),
    authorsOf: [...(await store.authorsOf(pubIds))],
    covers: [...(await store.placesOf(pubIds, 'COVERS'))],
    mentions: [...(await store.placesOf(pubIds, 'MENTIONS'))],
    // Each store's links carry the time of its own import.
    themes: [...(await store.themesOf(pubIds))].map(([id, links]) => [id, links.map((l) => ({ ...l, at: l.by === IMPORT_ACTOR ? 'import time' : l.at }))]),
    search: await store.search('trafficking children', [], 100),
    suggest: await store.suggest('t', [], 50),
  };
}

describe('MemoryStore', () => {
  let prepared: PreparedImport;
  beforeAll(() => {
    prepared = prepare([seedListingPath(), EXTRA]);
  });
  const loaded = async (): Promise<MemoryStore> => {
    const store = new MemoryStore();
    await store.importPublications(prepared.records, prepared.reference);
    return store;
  };

  it('counts its calls inside track(), also when calls run concurrently', async () => {
    const store = await loaded();
    const [a, b] = await Promise.all([
      store.track(async () => {
        await store.listThemes();
        await Promise.all([store.getNodes([P.ms13]), store.facets({}, 3)]);
        return 'a';
      }),
      store.track(() => store.paths('Theme:gangs', 'Country:BD', { maxHops: 6, first: 2, via: [] })),
    ]);
    // 14 themes, 1 node, and the facets' 3 themes, 3 countries, 3 regions, 3 authors, 9 years, 3 scopes and its languages.
    const languages = new Set(prepared.records.map((r) => r.language)).size;
    expect(a).toEqual({ result: 'a', roundTrips: 3, objects: 39 + languages });
    expect(b).toMatchObject({ roundTrips: 1, objects: 2 });
    expect(b.result).toHaveLength(2);
    expect((await store.track(async () => 1)).roundTrips).toBe(0);
  });

  it('imports idempotently: the same summary counts, then nothing changed on the second run', async () => {
    const first = new MemoryStore();
    const dry = await first.importPublications(prepared.records, prepared.reference, { dryRun: true });
    expect((await first.counts()).nodes).toEqual({ Publication: 0, Author: 0, Country: 0, Region: 0, Theme: 0 });
    const once = await first.importPublications(prepared.records, prepared.reference);
    expect(once).toMatchObject({ created: 14, updated: 0, unchanged: 0, relationshipsDeleted: 0 });
    // A dry run counts what the import then writes, links included.
    expect(dry).toEqual(once);
    const relationships = Object.values((await first.counts()).relationships).reduce((a, b) => a + b, 0);
    const publicationLinks = (await first.counts()).relationships;
    expect(once.relationshipsWritten).toBe(publicationLinks.ABOUT + publicationLinks.AUTHORED_BY + publicationLinks.COVERS + publicationLinks.MENTIONS);
    const before = await snapshot(first);
    const twice = await first.importPublications(prepared.records, prepared.reference);
    expect(twice).toEqual({ ...once, created: 0, unchanged: 14, relationshipsWritten: 0 });
    expect(await snapshot(first)).toEqual(before);
    expect(Object.values((await first.counts()).relationships).reduce((a, b) => a + b, 0)).toBe(relationships);
    const other = await loaded();
    expect(await snapshot(other)).toEqual(before);
  });

  it('updates an edited record: links it lost are deleted, orphaned authors too', async () => {
    const store = await loaded();
    const nigeria = prepared.records.find((r) => r.id === P.nigeria)!;
    const edited: PublicationRecord = { ...nigeria, title: 'A Referral Mechanism, Revised', authors: [{ id: 'Author:new-person', name: 'New Person' }], mentions: [], themes: nigeria.themes.slice(0, 1) };
    const summary = await store.importPublications([edited], prepared.reference);
    const deleted = nigeria.authors.length + nigeria.coversCountries.length + nigeria.coversRegions.length + nigeria.mentions.length + nigeria.themes.length;
    expect(summary).toMatchObject({ created: 0, updated: 1, unchanged: 0, relationshipsDeleted: deleted, relationshipsWritten: 1 + nigeria.coversCountries.length + nigeria.coversRegions.length + 1 });
    expect(ids((await store.authorsOf([P.nigeria])).get(P.nigeria))).toEqual(['Author:new-person']);
    // Ana Torres still has other publications; Chidi Okafor too (Guatemala, Thailand).
    expect(ids((await store.getNodes(['Author:chidi-okafor', 'Author:ana-torres'])).map((n) => n!))).toEqual(['Author:chidi-okafor', 'Author:ana-torres']);
    expect((await store.placesOf([P.nigeria], 'MENTIONS')).get(P.nigeria)).toEqual([]);
    expect(ids((await store.search('revised', ['Publication'], 5)).map((h) => h.node))).toEqual([P.nigeria]);
    // "for" was only in the old title.
    expect(ids((await store.search('for', ['Publication'], 100)).map((h) => h.node))).not.toContain(P.nigeria);
    const lonely = await store.importPublications([{ ...edited, authors: [] }], prepared.reference);
    expect(lonely.relationshipsDeleted).toBeGreaterThan(0);
    expect(await store.getNodes(['Author:new-person'])).toEqual([null]);
    expect(await store.suggest('new pers', ['Author'], 5)).toEqual([]);
  });

  it('skips links to unknown nodes, as Neo4j\'s MATCH does', async () => {
    const store = await loaded();
    const base = prepared.records.find((r) => r.id === P.ms13)!;
    const odd: PublicationRecord = {
      ...base, id: 'Publication:odd-links', title: 'Odd Links',
      coversCountries: ['Country:ZZ', 'Country:BD'], coversRegions: ['Region:atlantis'], mentions: ['Region:asia'],
      themes: [{ id: 'Theme:unknown', score: 1, evidence: [] }, { id: 'Theme:gangs', score: 0.5, evidence: ['gang'] }],
    };
    const summary = await store.importPublications([odd], prepared.reference);
    expect(summary).toMatchObject({ created: 1, relationshipsWritten: base.authors.length + 2 });
    expect(ids((await store.placesOf([odd.id], 'COVERS')).get(odd.id))).toEqual(['Country:BD']);
    expect(ids((await store.themesOf([odd.id])).get(odd.id)?.map((t) => t.theme))).toEqual(['Theme:gangs']);
  });

  it('writes a link a record lists twice once (Neo4j would create it twice)', async () => {
    const store = await loaded();
    const base = prepared.records.find((r) => r.id === P.ms13)!;
    const twice: PublicationRecord = {
      ...base, id: 'Publication:twice', title: 'Twice',
      authors: [{ id: 'Author:twice', name: 'Twice' }, { id: 'Author:twice', name: 'Twice Again' }],
      coversCountries: ['Country:BD', 'Country:BD'], coversRegions: [], mentions: ['Country:TH', 'Country:TH'],
      themes: [{ id: 'Theme:gangs', score: 0.9, evidence: ['gang'] }, { id: 'Theme:gangs', score: 0.4, evidence: [] }],
    };
    expect(await store.importPublications([twice], prepared.reference)).toMatchObject({ created: 1, relationshipsWritten: 4 });
    expect(ids((await store.placesOf([twice.id], 'COVERS')).get(twice.id))).toEqual(['Country:BD']);
    expect((await store.themesOf([twice.id])).get(twice.id)).toMatchObject([{ theme: { id: 'Theme:gangs' }, score: 0.9 }]);
    expect((await store.neighborhood([twice.id], { depth: 0, limit: 1, types: [] })).nodes[0].degree).toBe(4);
  });

  it('leaves the graph unchanged when an import fails', async () => {
    const store = await loaded();
    const before = await snapshot(store);
    const nigeria = prepared.records.find((r) => r.id === P.nigeria)!;
    const edited = { ...nigeria, title: 'Changed', authors: [] };
    const fresh = { ...nigeria, id: 'Publication:fresh', title: 'Fresh' };
    const failing = () => {
      throw new Error('progress bar broke');
    };
    await expect(store.importPublications([edited, fresh], prepared.reference, { onProgress: failing })).rejects.toThrow('progress bar broke');
    expect(await snapshot(store)).toEqual(before);
    // An id another kind of node holds cannot be imported: nothing of the import is written.
    const clash: ReferenceData = { ...prepared.reference, themes: [...prepared.reference.themes, { type: 'Theme', id: 'Country:BD', slug: 'x', name: 'X', description: '' }] };
    await expect(store.importPublications([edited, fresh], clash)).rejects.toThrow(ConflictError);
    expect(await snapshot(store)).toEqual(before);
  });

  it('empties itself on close', async () => {
    const store = await loaded();
    await store.close();
    expect((await store.counts()).nodes.Publication).toBe(0);
    expect(await store.search('trafficking', [], 5)).toEqual([]);
  });
});

describeCurationContract('memory', memoryContractStore);
