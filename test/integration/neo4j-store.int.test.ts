import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareImport } from '../../src/ingest/prepare-import';
import { CypherLoader, cypherDir } from '../../src/store/neo4j/cypher-loader';
import { Neo4jRunner } from '../../src/store/neo4j/neo4j.runner';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import { FILTER_PART_NAMES, FILTERED_QUERIES, FilterComposer } from '../../src/store/neo4j/filter-composer';
import { ANCHOR_PART_NAMES, ANCHORED_QUERIES, AnchorComposer, anchorPart } from '../../src/store/neo4j/anchor-composer';
import { QUERY_NAMES } from '../../src/store/neo4j/queries';
import type { GraphStore } from '../../src/store/store';
import { describeCurationContract } from '../contract/curation.contract';
import { describeStoreContract } from '../contract/store.contract';
import { contractNeo4jStore, describeNeo4j, testRunner, wipeDatabase } from '../helpers/neo4j';

/** Imports listing files through the store, as `kg import` does. */
async function loadInto(store: Neo4jStore, files: string[]): Promise<void> {
  const prepared = prepareImport(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })));
  if (prepared.problems.length) throw new Error(`fixture problems: ${JSON.stringify(prepared.problems)}`);
  await store.importPublications(prepared.records, prepared.reference);
}

describeNeo4j('Neo4j store', () => {
  const contractStore = async () => {
    const runner = testRunner();
    const store = new Neo4jStore(runner);
    return { store, reset: () => wipeDatabase(runner), load: (files: string[]) => loadInto(store, files) };
  };
  describeStoreContract('neo4j', contractStore);
  describeCurationContract('neo4j', contractStore);

  describe('round trips', () => {
    let runner: Neo4jRunner;
    let store: Neo4jStore;
    beforeAll(async () => {
      ({ runner, store } = await contractNeo4jStore());
    });
    afterAll(() => store.close());

    const publications = ['Publication:iom-case-data-analysis-human-trafficking', 'Publication:early-marriage-among-refugees-in-the-middle-east', 'Publication:unknown'];
    const anchors = ['Theme:gangs', 'Country:BD', 'Region:asia', 'Author:chidi-okafor', 'Theme:unknown'];
    const themes = ['Theme:gangs', 'Theme:child-marriage', 'Theme:unknown'];
    const regions = ['Region:asia', 'Region:middle-east', 'Region:unknown'];
    const authors = ['Author:chidi-okafor', 'Author:ana-torres', 'Author:unknown'];
    // Each call asks for one key, then for several: either way it must be a single statement.
    const calls: [string, (s: GraphStore, many: boolean) => Promise<unknown>][] = [
      ['getNodes', (s, many) => s.getNodes(many ? [...publications, ...anchors] : anchors.slice(0, 1))],
      ['findPublications', (s, many) => s.findPublications(many ? { themes, regions, countries: ['Country:BD'], authors, text: 'trafficking', yearFrom: 2000, scopes: ['GLOBAL', 'NATIONAL'], languages: ['en', 'und'] } : {}, { field: 'RELEVANCE', direction: 'DESC' }, { first: 2 })],
      ['listThemes', (s) => s.listThemes()],
      ['listRegions', (s) => s.listRegions()],
      ['listCountries', (s, many) => s.listCountries({ all: many, includeMentions: many })],
      ['listAuthors', (s, many) => s.listAuthors({ first: 2, after: many ? { sort: 'Ana Torres', id: 'Author:ana-torres' } : null }, many ? 'a' : undefined)],
      ['findCountry', (s, many) => s.findCountry(many ? { name: "Côte d'Ivoire" } : { iso: 'BGD' })],
      ['search', (s, many) => s.search('asia trafficking', many ? ['Publication', 'Region', 'Theme'] : ['Region'], 5)],
      ['authorsOf', (s, many) => s.authorsOf(many ? publications : publications.slice(0, 1))],
      ['placesOf', (s, many) => s.placesOf(many ? publications : publications.slice(0, 1), 'COVERS')],
      ['themesOf', (s, many) => s.themesOf(many ? publications : publications.slice(0, 1))],
      ['relatedOf', (s, many) => s.relatedOf(many ? publications : publications.slice(0, 1), 3)],
      ['publicationsOf', (s, many) => s.publicationsOf(many ? anchors : anchors.slice(0, 1), 3, { includeMentions: true })],
      ['themeCountsOf', (s, many) => s.themeCountsOf(many ? anchors : anchors.slice(0, 1))],
      ['trendOf', (s, many) => s.trendOf(many ? anchors : anchors.slice(0, 1))],
      ['coauthorsOf', (s, many) => s.coauthorsOf(many ? authors : authors.slice(0, 1), 3)],
      ['countryCountsOf', (s, many) => s.countryCountsOf(many ? themes : themes.slice(0, 1), { includeMentions: true })],
      ['regionCountsOf', (s, many) => s.regionCountsOf(many ? themes : themes.slice(0, 1))],
      ['regionChainOf', (s, many) => s.regionChainOf(many ? ['Country:BD', ...regions] : ['Country:BD'])],
      ['parentsOf', (s, many) => s.parentsOf(many ? regions : regions.slice(0, 1))],
      ['childrenOf', (s, many) => s.childrenOf(many ? regions : regions.slice(0, 1))],
      ['countriesOf', (s, many) => s.countriesOf(many ? regions : regions.slice(0, 1), many)],
      ['broaderOf', (s, many) => s.broaderOf(many ? themes : themes.slice(0, 1))],
      ['narrowerOf', (s, many) => s.narrowerOf(many ? themes : themes.slice(0, 1))],
      ['relatedThemesOf', (s, many) => s.relatedThemesOf(many ? themes : themes.slice(0, 1), 3)],
      ['paths', (s, many) => s.paths('Theme:gangs', many ? 'Country:BD' : 'Theme:gangs', { maxHops: 6, first: many ? 5 : 1, via: many ? [] : ['ABOUT'] })],
      ['neighborhood', (s, many) => s.neighborhood(many ? ['Theme:covid-19', 'Region:world', ...anchors] : ['Theme:covid-19'], { depth: many ? 3 : 1, limit: many ? 50 : 5, types: many ? [] : ['Publication'] })],
      ['themeMatrix', (s, many) => s.themeMatrix(many ? null : themes, many ? null : regions, many ? 'COUNTRY' : 'REGION', many ? { text: 'trafficking', regions, yearFrom: 2000 } : {})],
      ['facets', (s, many) => s.facets(many ? { themes, countries: ['Country:BD'], includeMentions: true, text: 'trafficking', languages: ['en', 'und'] } : {}, many ? 100 : 1)],
      ['themeGraph', (s, many) => s.themeGraph(many ? { regions, scopes: ['GLOBAL', 'NATIONAL'] } : {}, many ? 1 : 2)],
      ['suggest', (s, many) => s.suggest(many ? 'child' : 'Bang', many ? [] : ['Country'], 5)],
      ['changes', (s, many) => s.changes({ after: many ? 1 : null, first: many ? 5 : 1, types: many ? ['Publication', 'Theme'] : [] })],
      ['historyOf', (s, many) => s.historyOf(many ? publications : publications.slice(0, 1), 3)],
      ['themeDefinitions', (s) => s.themeDefinitions()],
      ['importRuns', (s, many) => s.importRuns(many ? 100 : 1, many ? 'COMPLETE' : undefined)],
    ];

    it('covers every read method of the port', () => {
      const port = Object.getOwnPropertyNames(Neo4jStore.prototype)
        .filter((m) => !['constructor', 'importPublications', 'importPublicationStream', 'counts', 'close', 'track', 'ping', 'connectionUse', 'read', 'keyed', 'anchored', 'readAnchored', 'referenceNodes', 'graphVersion', 'writing',
          // Writes: one transaction of several statements each (curation.contract.ts, neo4j-curation.int.test.ts).
          'setPublicationTheme', 'clearPublicationTheme', 'updatePublication', 'deletePublication', 'mergeAuthors', 'upsertTheme', 'retag'].includes(m));
      expect(calls.map(([name]) => name).sort()).toEqual(port.sort());
    });

    it.each(calls)('%s costs exactly one round trip for one key and for many', async (_name, call) => {
      for (const many of [false, true]) {
        const { roundTrips } = await runner.track(() => call(store, many));
        expect(roundTrips).toBe(1);
      }
    });

    it('answers lookups of countries, regions and themes from memory when asked to, reloading after its own import', async () => {
      const cached = new Neo4jStore(runner, undefined, { referenceCacheMs: 60_000 });
      const ids = ['Country:BD', 'Region:asia', 'Theme:gangs', 'Country:ZZ', 'Theme:nope'];
      const fresh = await store.getNodes(ids);
      const first = await runner.track(() => cached.getNodes(ids));
      expect(first.result).toEqual(fresh);
      expect(first.roundTrips).toBe(1);
      const again = await runner.track(() => cached.getNodes(ids));
      // Answered from memory, yet counted as the memory store counts it: 3 known nodes.
      expect(again).toEqual({ result: fresh, roundTrips: 0, objects: 3 });
      const late = await cached.track(() => cached.getNodes(ids).catch((err: unknown) => err), { deadline: Date.now() - 1 });
      expect(late).toMatchObject({ result: { code: 'TIMEOUT' }, roundTrips: 0, objects: 0 });
      const capped = await cached.track(() => cached.getNodes(ids).catch((err: unknown) => err), { maxObjects: 2 });
      expect(capped).toMatchObject({ result: { code: 'RESPONSE_TOO_LARGE', limit: 2, actual: 3 }, roundTrips: 0 });
      // Other ids still go to the database, in one statement.
      const mixed = await runner.track(() => cached.getNodes([publications[0], 'Country:BD', 'Publication:nope']));
      expect(mixed.roundTrips).toBe(1);
      expect(mixed.result.map((n) => n?.id ?? null)).toEqual([publications[0], 'Country:BD', null]);
      // Region chains come from the same copy, exactly as the statement walks them.
      const places = ['Country:BD', 'Country:XK', 'Region:middle-east', 'Region:southern-asia', 'Region:world', 'Theme:gangs', 'Country:ZZ', 'Region:nope'];
      const chains = await runner.track(() => cached.regionChainOf(places));
      expect(chains.roundTrips).toBe(0);
      expect(chains.objects).toBe([...chains.result.values()].reduce((sum, chain) => sum + chain.length, 0));
      expect(chains.result).toEqual(await store.regionChainOf(places));
      expect(chains.result.get('Region:middle-east')!.length).toBeGreaterThan(0);
      await cached.importPublications([], prepareImport([]).reference);
      expect((await runner.track(() => cached.getNodes(['Theme:gangs']))).roundTrips).toBe(1);
    });
  });

  describe('cypher/queries', () => {
    it('has a file for every query name and a name for every file', () => {
      expect(CypherLoader.filesIn(join(cypherDir(), 'queries'))).toEqual([...QUERY_NAMES].sort());
    });

    it('has a file for every filter part and a filter slot in every filtered statement', () => {
      expect(CypherLoader.filesIn(join(cypherDir(), 'filter'))).toEqual([...FILTER_PART_NAMES].sort());
      const finds = QUERY_NAMES.filter((n) => n.startsWith('find-publications-'));
      expect(finds).toHaveLength(5);
      // facets, themeMatrix and themeGraph count exactly the set findPublications returns.
      expect([...FILTERED_QUERIES].sort()).toEqual([...finds, 'facets', 'theme-matrix', 'theme-graph'].sort());
      for (const name of FILTERED_QUERIES) {
        const text = readFileSync(join(cypherDir(), 'queries', `${name}.cypher`), 'utf8');
        expect(text.split('// filter:begin')).toHaveLength(2);
        expect(text.split('// filter:end')).toHaveLength(2);
      }
    });

    it('has a file for every anchor part and one anchor slot in every anchored statement', () => {
      expect(CypherLoader.filesIn(join(cypherDir(), 'anchor'))).toEqual([...ANCHOR_PART_NAMES].sort());
      const composer = new AnchorComposer();
      for (const name of ANCHORED_QUERIES) {
        const text = readFileSync(join(cypherDir(), 'queries', `${name}.cypher`), 'utf8');
        expect(text.split('// anchor:begin')).toHaveLength(2);
        expect(text.split('// anchor:end')).toHaveLength(2);
        for (const part of ANCHOR_PART_NAMES) {
          const composed = composer.compose(name, text, [part]);
          expect(composed).not.toContain('// anchor:begin');
          expect(composed).toContain(readFileSync(join(cypherDir(), 'anchor', `${part}.cypher`), 'utf8').trim().split('\n').pop()!.trim());
        }
      }
      // Only the walks that can reach a publication twice pay for DISTINCT.
      expect(anchorPart('Country', false)).toBe('country');
      expect(anchorPart('Country', true)).toBe('country-mentions');
      expect(anchorPart('Region', true)).toBe('region');
      // Anchors of several kinds still take one statement: their parts as UNION branches.
      const mixed = composer.compose('theme-counts-of', readFileSync(join(cypherDir(), 'queries', 'theme-counts-of.cypher'), 'utf8'), ['region', 'theme']);
      expect(mixed.split('UNION')).toHaveLength(2);
      expect(mixed.indexOf("anchor.kind = 'Theme'")).toBeLessThan(mixed.indexOf("anchor.kind = 'Region'"));
      expect(() => new AnchorComposer().compose('trend-of', 'RETURN 1', ['theme'])).toThrow(/no \/\/ anchor:begin/);
    });

    it('composes the filter from its most selective criterion, every value a parameter', () => {
      const composer = new FilterComposer();
      const slot = '// filter:begin\n// filter:end\nRETURN p';
      const none = composer.compose('facets', slot, { text: null, themes: [], countries: [], regions: [], authors: [], yearFrom: null, yearTo: null, scopes: [] });
      expect(none).toContain('MATCH (p:Publication)\nWITH p, 0.0 AS score');
      expect(none).not.toContain('WHERE true');
      const both = composer.compose('facets', slot, { text: null, themes: ['Theme:gangs'], countries: ['Country:BD'], regions: [], authors: [], yearFrom: 2015, yearTo: null, scopes: [] });
      expect(both).toMatch(/^\/\/ Anchor: the publications covering any of the countries/);
      expect(both).toContain('AND EXISTS { (p)-[:ABOUT]->(:Theme)-[:BROADER*0..5]->(t:Theme) WHERE t.id IN $themes }');
      expect(both).toContain('AND ($yearFrom IS NULL OR p.year >= $yearFrom)');
      expect(both).not.toContain('Gangs');
      expect(both).not.toContain('2015');
      // Covering and mentioning are two fixed parts, so no row tests a relationship's type.
      expect(both).toContain('MATCH (c)<-[:COVERS]-(p)\n');
      expect(both).not.toMatch(/type\(r\)|MENTIONS/);
      const mentioned = composer.compose('facets', slot, { text: null, themes: [], countries: ['Country:BD'], regions: [], authors: [], yearFrom: null, yearTo: null, scopes: [], includeMentions: true });
      expect(mentioned).toContain('MATCH (c)<-[:COVERS|MENTIONS]-(p)\n');
      const asPredicate = composer.compose('facets', slot, { text: 'x', themes: [], countries: ['Country:BD'], regions: [], authors: [], yearFrom: null, yearTo: null, scopes: [], includeMentions: true });
      expect(asPredicate).toContain('AND EXISTS { (p)-[:COVERS|MENTIONS]->(c:Country) WHERE c.id IN $countries }');
      expect(composer.compose('facets', slot, { text: 'x', themes: [], countries: ['Country:BD'], regions: [], authors: [], yearFrom: null, yearTo: null, scopes: [], includeMentions: false }))
        .toContain('AND EXISTS { (p)-[:COVERS]->(c:Country) WHERE c.id IN $countries }');
      // Without countries, includeMentions changes nothing: one statement text, not two.
      expect(composer.compose('facets', slot, { text: null, themes: ['Theme:gangs'], countries: [], regions: [], authors: [], yearFrom: null, yearTo: null, scopes: [], includeMentions: true }))
        .toBe(composer.compose('facets', slot, { text: null, themes: ['Theme:gangs'], countries: [], regions: [], authors: [], yearFrom: null, yearTo: null, scopes: [] }));
      const spoken = composer.compose('facets', slot, { text: null, themes: [], countries: [], regions: [], authors: [], yearFrom: 2015, yearTo: null, scopes: ['GLOBAL'], languages: ['es'] });
      expect(spoken).toMatch(/^\/\/ Anchor: the publications in the year range/);
      expect(spoken).toContain("AND coalesce(p.language, 'und') IN $languages");
      expect(spoken.indexOf('IN $scopes')).toBeLessThan(spoken.indexOf('IN $languages'));
      expect(spoken).not.toMatch(/'es'/);
      expect(() => composer.compose('theme-graph', 'RETURN 1', { text: 'x' })).toThrow(/no \/\/ filter:begin/);
    });
  });
});
