import { readFileSync } from 'node:fs';
import type { ImportSummary, PublicationRecord } from '../../src/domain/import.types';
import type { NodeType, Publication } from '../../src/domain/node.types';
import type { Page, PageKey, PublicationFilter, PublicationOrder, RelationshipKind } from '../../src/domain/query.types';
import { generateLibrary, toListing } from '../../src/ingest/library.generator';
import { prepareImport, type PreparedImport } from '../../src/ingest/prepare-import';
import { MemoryStore } from '../../src/store/memory/memory.store';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import type { GraphStore } from '../../src/store/store';
import { EXTRA, P } from '../contract/contract.fixture';
import { describeNeo4j, testRunner, wipeDatabase } from '../helpers/neo4j';
import { seedListingPath } from '../helpers/seed';

/** Returns a value with Maps turned into [key, value] lists (order kept), so deep equality also checks key order. */
function plain(value: unknown): unknown {
  if (value instanceof Map) return [...value].map(([k, v]) => [k, plain(v)]);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/**
 * Reads every page of a publication list. By relevance the scores (and so the order and the keys)
 * differ between the stores, so only the set of ids read across all pages and the total are kept.
 */
async function everyPage(store: GraphStore, filter: PublicationFilter, order: PublicationOrder, first: number): Promise<unknown> {
  const pages: Page<Publication>[] = [];
  for (let after: PageKey | null = null; ;) {
    const page = await store.findPublications(filter, order, { first, after });
    pages.push(page);
    if (!page.hasNextPage) break;
    after = page.items[page.items.length - 1].key;
  }
  if (order.field !== 'RELEVANCE' || !filter.text) return pages;
  return { ids: pages.flatMap((p) => p.items.map((i) => i.node.id)).sort(), totals: pages.map((p) => p.totalCount) };
}

type Call = [string, (s: GraphStore) => Promise<unknown>];

describeNeo4j('the memory and Neo4j stores agree', () => {
  const memory = new MemoryStore();
  let neo4j: Neo4jStore;
  let prepared: PreparedImport;
  const summaries: Record<'memory' | 'neo4j', ImportSummary[]> = { memory: [], neo4j: [] };
  // Filled in beforeAll from the data, so the battery covers real ids of every kind.
  const ids = { themes: [] as string[], countries: [] as string[], regions: [] as string[], authors: [] as string[], publications: [] as string[] };

  beforeAll(async () => {
    const files = [seedListingPath(), EXTRA].map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    files.push({ file: 'generated.txt', text: toListing(generateLibrary({ publications: 300, seed: 'stores-agree' })) });
    prepared = prepareImport(files);
    if (prepared.problems.length) throw new Error(`fixture problems: ${JSON.stringify(prepared.problems.slice(0, 3))}`);
    const runner = testRunner();
    // With the reference copy on, as `kg serve` runs it (the contract suite covers it off).
    neo4j = new Neo4jStore(runner, undefined, { referenceCacheMs: 60_000 });
    await wipeDatabase(runner);

    // The same imports into both: everything, again (unchanged), then edits that drop links and orphan authors.
    const edits: PublicationRecord[] = prepared.records.filter((_, i) => i % 37 === 5).map((r, i) => ({
      ...r, abstract: `${r.abstract} Edited.`, authors: i % 2 ? [] : [{ id: 'Author:stores-agree-editor', name: 'Stores Agree Editor' }],
      themes: r.themes.slice(1), mentions: [],
    }));
    // Odd records no importer writes: links to unknown or wrong-kind nodes (both skip them), no year.
    // (A link listed twice is left out: Neo4j creates it twice, the memory store once; see docs/stores.md.)
    const base = prepared.records.find((r) => r.id === P.ms13)!;
    const odd: PublicationRecord[] = [
      {
        ...base, id: 'Publication:odd-duplicates', title: 'Émigrés, MS-13 and Odd Links', year: null,
        coversCountries: ['Country:BD', 'Country:ZZ'], coversRegions: ['Region:asia', 'Region:world', 'Region:nowhere', 'Country:TH'],
        mentions: ['Country:TH', 'Region:asia'], authors: [{ id: 'Author:odd-one', name: 'Odd One' }],
        themes: [{ id: 'Theme:gangs', score: 0.5, evidence: ['gang'] }, { id: 'Theme:unknown', score: 1, evidence: [] }],
      },
      { ...base, id: 'Publication:odd-second', title: 'ödd second', authors: [{ id: 'Author:odd-one', name: 'Odd One' }], coversCountries: ['Country:BD'], coversRegions: [], themes: [] },
    ];
    const oddAgain = odd.map((r) => ({ ...r, abstract: `${r.abstract} Again.` }));
    for (const [records, dryRun] of [[prepared.records, false], [prepared.records, false], [edits, true], [edits, false], [odd, false], [oddAgain, false]] as const) {
      for (const [name, store] of [['memory', memory], ['neo4j', neo4j]] as const) {
        summaries[name].push(await store.importPublications(records, prepared.reference, { dryRun }));
      }
    }

    ids.themes = (await neo4j.listThemes()).map((t) => t.id);
    ids.regions = (await neo4j.listRegions()).map((r) => r.id);
    ids.countries = (await neo4j.listCountries({ all: false, includeMentions: true })).map((c) => c.id).filter((_, i) => i % 3 === 0);
    ids.authors = (await neo4j.listAuthors({ first: 100 })).items.map((i) => i.node.id).filter((_, i) => i % 4 === 0);
    ids.publications = [...Object.values(P), ...odd.map((r) => r.id), ...prepared.records.filter((_, i) => i % 23 === 0).map((r) => r.id)];
  }, 300_000);
  afterAll(async () => {
    await neo4j?.close();
    await memory.close();
  });

  it('imports with the same summaries and ends with the same counts', async () => {
    expect(summaries.memory).toEqual(summaries.neo4j);
    expect(summaries.memory[3].updated).toBeGreaterThan(5);
    // The dry run of the edits (2) reported what their import (3) then did, links written and removed included.
    for (const name of ['memory', 'neo4j'] as const) expect(summaries[name][2]).toEqual(summaries[name][3]);
    expect(summaries.memory[3].relationshipsWritten).toBeGreaterThan(0);
    expect(summaries.memory[3].relationshipsDeleted).toBeGreaterThan(0);
    expect(await memory.counts()).toEqual(await neo4j.counts());
  });

  const orders: PublicationOrder[] = [
    { field: 'YEAR', direction: 'DESC' }, { field: 'YEAR', direction: 'ASC' }, { field: 'TITLE', direction: 'ASC' },
    { field: 'TITLE', direction: 'DESC' }, { field: 'RELEVANCE', direction: 'DESC' },
  ];
  const filters = (): PublicationFilter[] => [
    {},
    { themes: ['Theme:human-trafficking'] },
    { themes: [ids.themes[2], ids.themes[7]], yearFrom: 2005 },
    { regions: ['Region:asia'] },
    { regions: ['Region:africa', 'Region:middle-east'], scopes: ['REGIONAL', 'NATIONAL'] },
    { countries: ids.countries.slice(0, 4), includeMentions: true },
    { countries: ids.countries.slice(0, 4) },
    { authors: ids.authors.slice(0, 3) },
    { yearFrom: 2010, yearTo: 2015 },
    { scopes: ['GLOBAL'] },
    { languages: ['en'] },
    { languages: ['und', 'es'], yearFrom: 2000, themes: ['Theme:human-trafficking'] },
    { text: 'trafficking' },
    { text: 'child labour', regions: ['Region:americas'] },
    { text: 'COVID-19 migrants', themes: ['Theme:covid-19'] },
    { text: 'synthetic record', yearTo: 2012 },
  ];

  const calls = (): Call[] => {
    const { themes, countries, regions, authors, publications } = ids;
    const anchors = [...themes, ...countries, ...regions, ...authors, 'Theme:unknown', 'Publication:x', 'junk'];
    const out: Call[] = [
      ['getNodes', (s) => s.getNodes([...publications, ...anchors])],
      ['listThemes', (s) => s.listThemes()],
      ['listRegions', (s) => s.listRegions()],
      ['listCountries covering', (s) => s.listCountries({ all: false })],
      ['listCountries mentioned', (s) => s.listCountries({ all: false, includeMentions: true })],
      ['listCountries all', (s) => s.listCountries({ all: true })],
      ['listAuthors', async (s) => {
        const pages = [];
        for (let page = await s.listAuthors({ first: 17 }); ; page = await s.listAuthors({ first: 17, after: page.items[page.items.length - 1].key })) {
          pages.push(page);
          if (!page.hasNextPage) return pages;
        }
      }],
      ['listAuthors containing', async (s) => [await s.listAuthors({ first: 10 }, 'an'), await s.listAuthors({ first: 5 }, 'MA'), await s.listAuthors({ first: 5 }, 'zzz')]],
      ['findCountry', (s) => Promise.all([{ id: 'Country:BD' }, { iso: 'th' }, { iso: 'GTM' }, { name: 'cote divoire' }, { name: 'Türkiye' }, { iso: 'X' }, {}].map((l) => s.findCountry(l)))],
      ['authorsOf', (s) => s.authorsOf(publications)],
      ['placesOf COVERS', (s) => s.placesOf(publications, 'COVERS')],
      ['placesOf MENTIONS', (s) => s.placesOf(publications, 'MENTIONS')],
      // Each store wrote its links at its own import's time.
      ['themesOf', async (s) => [...(await s.themesOf(publications))].map(([id, links]) => [id, links.map((l) => ({ ...l, at: l.at === null ? null : 'import time' }))])],
      ['relatedOf', (s) => s.relatedOf(publications, 7)],
      ['publicationsOf', (s) => s.publicationsOf(anchors, 6)],
      ['publicationsOf with mentions', (s) => s.publicationsOf(anchors, 3, { includeMentions: true })],
      ['themeCountsOf', (s) => s.themeCountsOf(anchors)],
      ['themeCountsOf with mentions', (s) => s.themeCountsOf(countries, { includeMentions: true })],
      ['trendOf', (s) => s.trendOf(anchors, { includeMentions: true })],
      ['coauthorsOf', (s) => s.coauthorsOf([...authors, 'Author:unknown'], 5)],
      ['countryCountsOf', (s) => s.countryCountsOf(themes)],
      ['countryCountsOf with mentions', (s) => s.countryCountsOf(themes, { includeMentions: true })],
      ['regionCountsOf', (s) => s.regionCountsOf(themes)],
      ['regionChainOf', (s) => s.regionChainOf([...countries, ...regions, 'Theme:gangs'])],
      ['parentsOf', (s) => s.parentsOf(regions)],
      ['childrenOf', (s) => s.childrenOf(regions)],
      ['countriesOf', (s) => s.countriesOf(regions, false)],
      ['countriesOf recursive', (s) => s.countriesOf(regions, true)],
      ['broaderOf', (s) => s.broaderOf(themes)],
      ['narrowerOf', (s) => s.narrowerOf(themes)],
      ['relatedThemesOf', (s) => s.relatedThemesOf(themes, 20)],
      ['counts', (s) => s.counts()],
    ];
    const year: PublicationOrder = { field: 'YEAR', direction: 'DESC' };
    out.push(
      ['keys resuming the no-year tail, mid-title, after the last id', (s) => Promise.all([
        s.findPublications({}, year, { first: 5, after: { sort: null, id: 'Publication:a' } }),
        s.findPublications({}, { field: 'YEAR', direction: 'ASC' }, { first: 5, after: { sort: 2010, id: 'Publication:zzz' } }),
        s.findPublications({}, { field: 'TITLE', direction: 'ASC' }, { first: 5, after: { sort: 'M', id: '' } }),
        s.findPublications({}, { field: 'TITLE', direction: 'DESC' }, { first: 5, after: { sort: 'Émigrés', id: 'Publication:a' } }),
        s.findPublications({ text: 'trafficking' }, { field: 'RELEVANCE', direction: 'ASC' }, { first: 5, after: { sort: null, id: 'Publication:a' } }),
        s.findPublications({ text: '½' }, year, { first: 5 }),
        s.listAuthors({ first: 3, after: { sort: null, id: 'Author:a' } }),
      ])],
      ['zero sizes', (s) => Promise.all([
        s.findPublications({}, year, { first: 0 }), s.publicationsOf(anchors, 0), s.relatedOf(publications, 0), s.coauthorsOf(authors, 0),
        s.relatedThemesOf(themes, 0), s.facets({}, 0), s.paths('Theme:gangs', 'Country:BD', { maxHops: 6, first: 0, via: [] }),
        s.paths('Theme:gangs', 'Theme:gangs', { maxHops: 0, first: 1, via: [] }), s.neighborhood(['Theme:gangs'], { depth: 2, limit: 0, types: [] }),
        s.neighborhood(['Theme:gangs', 'Country:BD'], { depth: 0, limit: 1, types: [] }), s.suggest('a', [], 0), s.search('trafficking', [], 0),
        s.themeMatrix([], [], 'COUNTRY', {}), s.themeGraph({ text: 'nothing-matches-this' }, 1),
      ])],
    );
    filters().forEach((filter, i) => {
      for (const order of orders) out.push([`findPublications #${i} ${order.field} ${order.direction}`, (s) => everyPage(s, filter, order, 29)]);
      out.push([`facets #${i}`, (s) => s.facets(filter, 15)]);
      out.push([`themeGraph #${i}`, (s) => s.themeGraph(filter, i % 3 + 1)]);
    });
    const pairs: [string, string, RelationshipKind[], number][] = [
      ['Theme:gangs', 'Country:BD', [], 6], [P.ms13, P.iom, [], 4], [authors[0], authors[1], [], 6], [authors[2], 'Region:europe', [], 5],
      ['Country:NG', 'Country:TH', ['IN_REGION', 'PART_OF'], 6], ['Country:BD', 'Country:TH', ['IN_REGION', 'PART_OF'], 6],
      [themes[0], themes[5], ['ABOUT'], 4], ['Publication:odd-duplicates', 'Publication:odd-second', [], 3], ['Theme:gangs', 'Country:BD', ['ABOUT', 'COVERS'], 4], [countries[1], themes[3], [], 3],
      ['Region:middle-east', 'Country:JO', [], 4], [publications[20], publications[3], ['COVERS', 'ABOUT'], 6], ['Theme:gangs', 'Theme:gangs', [], 1],
      ['Theme:gangs', 'Country:ZZ', [], 6],
    ];
    for (const [from, to, via, maxHops] of pairs) out.push([`paths ${from} → ${to} via [${via}] ≤ ${maxHops}`, (s) => s.paths(from, to, { maxHops, first: 20, via })]);
    const seeds: [string[], number, number, NodeType[]][] = [
      [['Theme:covid-19'], 1, 200, []], [['Region:asia'], 2, 60, []], [[P.ms13, 'Country:BD'], 2, 300, ['Publication', 'Theme']],
      [[authors[0]], 3, 100, []], [['Region:world'], 1, 30, ['Region']], [[themes[4], 'Nothing:here'], 2, 2000, ['Publication', 'Country', 'Region']],
      [[countries[0]], 3, 5, []], [['Publication:odd-duplicates'], 1, 50, []],
    ];
    for (const [seed, depth, limit, types] of seeds) out.push([`neighborhood ${seed} depth ${depth} limit ${limit} [${types}]`, (s) => s.neighborhood(seed, { depth, limit, types })]);
    out.push(
      ['themeMatrix countries', (s) => s.themeMatrix(null, null, 'COUNTRY', {})],
      ['themeMatrix regions', (s) => s.themeMatrix(null, null, 'REGION', { yearFrom: 2000 })],
      ['themeMatrix subregions with text', (s) => s.themeMatrix(null, null, 'SUBREGION', { text: 'trafficking' })],
      ['themeMatrix given', (s) => s.themeMatrix([themes[3], 'Theme:unknown', themes[1], themes[3]], [...regions.slice(0, 9), ...countries.slice(0, 9), 'Theme:gangs'], 'COUNTRY', { scopes: ['NATIONAL'] })],
    );
    const prefixes: [string, NodeType[], number][] = [
      ['a', [], 20], ['chi', [], 30], ['cote d', [], 5], ['south', ['Region', 'Country'], 20], ['traff', [], 50], ['the', [], 25],
      ['hum', ['Theme', 'Publication'], 15], ['syn', [], 10], ['Gang R', [], 10], ['ma', ['Author'], 20], ['!!', [], 5],
    ];
    for (const [prefix, types, first] of prefixes) out.push([`suggest "${prefix}" [${types}]`, (s) => s.suggest(prefix, types, first)]);
    return out;
  };

  it('answers every read call identically', async () => {
    const differences: string[] = [];
    for (const [name, call] of calls()) {
      // A call may fail (an unknown path end): then both must fail alike.
      const settle = (s: GraphStore) => call(s).then(plain, (e: { code?: string; message: string }) => ({ error: e.code, message: e.message }));
      const [mine, theirs] = [await settle(memory), await settle(neo4j)];
      try {
        expect(mine).toEqual(theirs);
      } catch (err) {
        differences.push(`${name}:\n${(err as Error).message.slice(0, 3000)}`);
      }
    }
    expect(differences).toEqual([]);
  }, 300_000);

  it('finds the same hits for text search (scores differ, so order may)', async () => {
    const queries = [
      'trafficking', 'child marriage', 'asia', 'cote', 'MS-13', 'the gambia', 'forced labour', 'COVID-19 response', 'synthetic', 'Côte d’Ivoire', 'and', '!!',
      'Trinidad-and-Tobago', 'Bosnia-Herzegovina', 'Bosnia-and-Herzegovina', "d'Ivoire", 'Guinea-Bissau', 'the-gambia', 'Timor-Leste', 'Korea (Republic',
      'south-eastern', 'anti-trafficking', 'case-management', 'Synthetic record generated', 'refugees, migrants', 'north africa', 'ÉMIGRÉS',
    ];
    for (const query of queries) {
      for (const types of [[], ['Publication'], ['Country', 'Region'], ['Author', 'Theme']] as NodeType[][]) {
        const hits = async (s: GraphStore) => (await s.search(query, types, 10_000)).map((h) => h.node.id).sort();
        expect([query, types, await hits(memory)]).toEqual([query, types, await hits(neo4j)]);
      }
    }
  });
});
