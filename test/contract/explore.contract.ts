import type { Country, Publication, Region } from '../../src/domain/node.types';
import type { GraphPath, PageKey, PublicationFilter } from '../../src/domain/query.types';
import { searchKey } from '../../src/store/fold';
import { P, StoreRef, YEAR_DESC_ORDER, counted, ids } from './contract.fixture';

const path = (p: GraphPath): string[] => p.nodes.map((n) => n.id);
const steps = (p: GraphPath): string[] => p.relationships.map((r) => `${r.type}${r.direction === 'OUTGOING' ? '>' : '<'}`);
/** The documented tie-break of paths: node ids element by element, then relationship types. */
const comparePaths = (a: GraphPath, b: GraphPath): number => {
  const key = (p: GraphPath) => [...p.nodes.map((n) => n.id), '\u0000', ...p.relationships.map((r) => r.type)];
  const [ka, kb] = [key(a), key(b)];
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return ka.length - kb.length;
};
/** Returns [id, count] pairs from a Map, by count desc then id. */
const tally = (counts: Map<string, number>): [string, number][] =>
  [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
const bump = (counts: Map<string, number>, key: string): void => void counts.set(key, (counts.get(key) ?? 0) + 1);

/** Checks the exploration reads: paths, neighbourhoods, theme x place matrices, facets, theme networks and typeahead. */
export function describeExploration(store: StoreRef): void {
  describe('paths', () => {
    const gangsToBangladesh = { maxHops: 6, first: 10, via: [] };

    it('finds the shortest paths between a theme and a country, with steps, in the documented order', async () => {
      const found = await store().paths('Theme:gangs', 'Country:BD', gangsToBangladesh);
      expect(found.map(path)).toEqual([
        ['Theme:gangs', P.ms13, 'Theme:child-trafficking', P.iom, 'Country:BD'],
        ['Theme:gangs', P.ms13, 'Theme:human-trafficking', P.iom, 'Country:BD'],
      ]);
      expect([...found].sort(comparePaths)).toEqual(found);
      for (const p of found) {
        expect(p.length).toBe(4);
        expect(p.relationships).toHaveLength(p.nodes.length - 1);
        expect(steps(p)).toEqual(['ABOUT<', 'ABOUT>', 'ABOUT<', 'COVERS>']);
        p.relationships.forEach((r, i) => {
          const [from, to] = [p.nodes[i].id, p.nodes[i + 1].id];
          expect([r.source, r.target]).toEqual(r.direction === 'OUTGOING' ? [from, to] : [to, from]);
        });
      }
      expect(found[0].relationships[0]).toEqual({
        type: 'ABOUT', source: P.ms13, target: 'Theme:gangs', direction: 'INCOMING', properties: { score: expect.any(Number), evidence: expect.any(Array) },
      });
      expect(found[0].relationships[3].properties).toEqual({});
      expect(await store().paths('Theme:gangs', 'Country:BD', gangsToBangladesh)).toEqual(found);
      expect(await store().paths('Theme:gangs', 'Country:BD', { ...gangsToBangladesh, first: 1 })).toEqual(found.slice(0, 1));
    });

    it('follows only the `via` types and gives AUTHORED_BY its position', async () => {
      const [up] = await store().paths('Country:BD', 'Region:asia', { maxHops: 6, first: 5, via: ['IN_REGION', 'PART_OF'] });
      expect(path(up)).toEqual(['Country:BD', 'Region:southern-asia', 'Region:asia']);
      expect(steps(up)).toEqual(['IN_REGION>', 'PART_OF>']);
      const [wrote] = await store().paths('Author:chidi-okafor', P.nigeria, { maxHops: 2, first: 5, via: [] });
      expect(wrote.relationships).toEqual([{ type: 'AUTHORED_BY', source: P.nigeria, target: 'Author:chidi-okafor', direction: 'INCOMING', properties: { position: 0 } }]);
    });

    it('gives [] without a path within the bounds, and the zero-length path from a node to itself', async () => {
      expect(await store().paths('Theme:gangs', 'Country:BD', { ...gangsToBangladesh, via: ['BROADER'] })).toEqual([]);
      expect(await store().paths('Theme:gangs', 'Country:BD', { ...gangsToBangladesh, maxHops: 3 })).toEqual([]);
      await expect(store().paths('Theme:gangs', 'Country:ZZ', gangsToBangladesh)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
      await expect(store().paths('Theme:nope', 'Country:ZZ', { ...gangsToBangladesh, first: 0 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
      const [self] = await store().paths('Theme:gangs', 'Theme:gangs', gangsToBangladesh);
      expect(self).toMatchObject({ length: 0, relationships: [] });
      expect(path(self)).toEqual(['Theme:gangs']);
    });
  });

  describe('neighborhood', () => {
    const covid = [P.covidFacts, P.covidGuide, P.thailand];

    it('gives the nodes around a seed by (distance, id), their degrees, and the edges among them', async () => {
      const sub = await store().neighborhood(['Theme:covid-19', 'Theme:unknown'], { depth: 1, limit: 50, types: [] });
      expect(sub.truncated).toBe(false);
      expect(sub.nodes.map((n) => [n.node.id, n.distance])).toEqual([['Theme:covid-19', 0], ...covid.map((id) => [id, 1])]);
      expect(sub.nodes[0].degree).toBe(3);
      const themes = (await store().themesOf([P.covidFacts])).get(P.covidFacts) ?? [];
      expect(sub.edges.map((e) => e.id)).toEqual(covid.map((id) => `${id}|ABOUT|Theme:covid-19`));
      expect(sub.edges[0]).toEqual({
        id: `${P.covidFacts}|ABOUT|Theme:covid-19`, source: P.covidFacts, target: 'Theme:covid-19', type: 'ABOUT',
        weight: themes.find((t) => t.theme.id === 'Theme:covid-19')?.score,
      });
    });

    it('counts every relationship of a node as its degree', async () => {
      const sub = await store().neighborhood([P.thailand], { depth: 0, limit: 5, types: [] });
      const [authors, covers, mentions, themes] = await Promise.all([
        store().authorsOf([P.thailand]), store().placesOf([P.thailand], 'COVERS'), store().placesOf([P.thailand], 'MENTIONS'), store().themesOf([P.thailand]),
      ]);
      const degree = [authors, covers, mentions, themes].reduce((sum, m) => sum + (m.get(P.thailand)?.length ?? 0), 0);
      expect(sub).toEqual({ nodes: [{ node: expect.objectContaining({ id: P.thailand }), degree, distance: 0 }], edges: [], truncated: false });
    });

    it('keeps the first `limit` nodes and says it cut some', async () => {
      const sub = await store().neighborhood(['Theme:covid-19'], { depth: 2, limit: 2, types: [] });
      expect(sub.truncated).toBe(true);
      expect(ids(sub.nodes.map((n) => n.node))).toEqual(['Theme:covid-19', P.covidFacts]);
      expect(sub.edges.map((e) => e.id)).toEqual([`${P.covidFacts}|ABOUT|Theme:covid-19`]);
      expect((await store().neighborhood(['Theme:covid-19'], { depth: 1, limit: 4, types: [] })).truncated).toBe(false);
    });

    it('reaches only the wanted types, and only through them', async () => {
      const sub = await store().neighborhood(['Theme:covid-19'], { depth: 2, limit: 50, types: ['Publication', 'Country'] });
      expect(sub.nodes.map((n) => [n.node.id, n.distance])).toEqual([['Theme:covid-19', 0], ...covid.map((id) => [id, 1]), ['Country:TH', 2]]);
      expect(sub.edges.map((e) => e.id)).toContain(`${P.thailand}|COVERS|Country:TH`);
      const edgeIds = sub.edges.map((e) => e.id);
      expect(edgeIds).toEqual([...edgeIds].sort());
      const countriesOnly = await store().neighborhood(['Theme:covid-19'], { depth: 3, limit: 50, types: ['Country'] });
      expect(countriesOnly).toEqual({ nodes: [expect.objectContaining({ distance: 0 })], edges: [], truncated: false });
      expect(await store().neighborhood([], { depth: 1, limit: 5, types: [] })).toEqual({ nodes: [], edges: [], truncated: false });
    });
  });

  describe('themeMatrix', () => {
    it('counts every theme x country over the whole library, zero cells included', async () => {
      const [themes, countries] = [await store().listThemes(), await store().listCountries({ all: true })];
      const m = await store().themeMatrix(null, null, 'COUNTRY', {});
      expect(ids(m.themes)).toEqual(ids(themes));
      expect(ids(m.places)).toEqual(ids(countries));
      expect(m.cells).toHaveLength(themes.length * countries.length);
      expect(m.cells.slice(0, 2).map((c) => [c.theme, c.place])).toEqual([[themes[0].id, countries[0].id], [themes[0].id, countries[1].id]]);
      const cell = (t: string, c: string) => m.cells.find((x) => x.theme === t && x.place === c)?.count;
      expect(cell('Theme:gangs', 'Country:BD')).toBe(0);
      expect(cell('Theme:gangs', 'Country:HN')).toBe(1);
      const byTheme = await store().countryCountsOf(ids(themes));
      expect(m.rowTotals).toEqual(themes.map((t) => (byTheme.get(t.id) ?? []).reduce((sum, c) => sum + c.count, 0)));
      expect(m.columnTotals).toEqual(countries.map((c) => m.cells.filter((x) => x.place === c.id).reduce((sum, x) => sum + x.count, 0)));
      expect(m.rowTotals.reduce((a, b) => a + b, 0)).toBe(m.columnTotals.reduce((a, b) => a + b, 0));
      expect(m.publicationCount).toBe(5); // iom, gangs, guatemala, thailand, nigeria cover a country
    });

    it('counts region columns over their subtrees, as regionCountsOf does', async () => {
      const m = await store().themeMatrix(null, null, 'REGION', {});
      expect(ids(m.places)).toEqual(['Region:africa', 'Region:americas', 'Region:asia', 'Region:europe', 'Region:oceania']);
      const byTheme = await store().regionCountsOf(ids(m.themes));
      for (const c of m.cells) expect([c.theme, c.place, c.count]).toEqual([c.theme, c.place, (byTheme.get(c.theme) ?? []).find((r) => r.node.id === c.place)?.count ?? 0]);
    });

    it('keeps given rows and columns in the order given, dropping unknown ids and repeats, and applies the filter', async () => {
      const themes = ['Theme:child-marriage', 'Theme:human-trafficking', 'Theme:unknown', 'Theme:child-marriage'];
      const places = ['Country:GT', 'Region:asia', 'Region:middle-east', 'Country:BD', 'Country:ZZ', 'Theme:gangs'];
      const m = await store().themeMatrix(themes, places, 'COUNTRY', {});
      expect(ids(m.themes)).toEqual(['Theme:child-marriage', 'Theme:human-trafficking']);
      expect(ids(m.places)).toEqual(['Country:GT', 'Region:asia', 'Region:middle-east', 'Country:BD']);
      expect(m.cells.map((c) => c.count)).toEqual([1, 1, 1, 0, 0, 1, 0, 1]);
      expect(m).toMatchObject({ rowTotals: [3, 2], columnTotals: [1, 2, 1, 1], publicationCount: 3 });
      const recent = await store().themeMatrix(themes, places, 'COUNTRY', { yearFrom: 2019 });
      expect(recent.cells.map((c) => c.count)).toEqual([1, 0, 0, 0, 0, 1, 0, 1]);
      expect(recent.publicationCount).toBe(2);
    });
  });

  describe('facets', () => {
    /** Returns every publication findPublications gives for a filter, two per page. */
    async function everything(filter: PublicationFilter): Promise<Publication[]> {
      const all: Publication[] = [];
      for (let after: PageKey | null = null; ;) {
        const page = await store().findPublications(filter, YEAR_DESC_ORDER, { first: 2, after });
        all.push(...page.items.map((i) => i.node));
        if (!page.hasNextPage) return all;
        after = page.items[page.items.length - 1].key;
      }
    }

    it('counts exactly the publications findPublications returns, each dimension by count desc then id', async () => {
      const filter: PublicationFilter = { yearFrom: 2017, yearTo: 2020 };
      const pubs = await everything(filter);
      const pubIds = ids(pubs);
      const [themes, covers, authors] = await Promise.all([store().themesOf(pubIds), store().placesOf(pubIds, 'COVERS'), store().authorsOf(pubIds)]);
      const placeIds = [...new Set([...covers.values()].flatMap((places) => ids(places)))];
      const chains = await store().regionChainOf(placeIds);
      const want = { themes: new Map<string, number>(), countries: new Map<string, number>(), regions: new Map<string, number>(), authors: new Map<string, number>() };
      const years = new Map<number, number>();
      const scopes = new Map<string, number>();
      const languages = new Map<string, number>();
      for (const p of pubs) {
        for (const t of themes.get(p.id) ?? []) bump(want.themes, t.theme.id);
        for (const a of authors.get(p.id) ?? []) bump(want.authors, a.id);
        const places = covers.get(p.id) ?? [];
        for (const c of places.filter((x): x is Country => x.type === 'Country')) bump(want.countries, c.id);
        const regions = new Set(places.flatMap((x) => [...(x.type === 'Region' ? [x.id] : []), ...ids(chains.get(x.id))]));
        for (const r of regions) bump(want.regions, r);
        if (p.year !== null) years.set(p.year, (years.get(p.year) ?? 0) + 1);
        bump(scopes, p.scope);
        bump(languages, p.language);
      }
      const facets = await store().facets(filter, 100);
      expect(facets.total).toBe(pubs.length);
      expect(counted(facets.themes)).toEqual(tally(want.themes));
      expect(counted(facets.countries)).toEqual(tally(want.countries));
      expect(counted(facets.regions)).toEqual(tally(want.regions));
      expect(counted(facets.authors)).toEqual(tally(want.authors));
      expect(facets.years).toEqual([...years].sort(([a], [b]) => a - b).map(([year, count]) => ({ year, count })));
      expect(facets.scopes.map((s) => [s.scope, s.count])).toEqual(tally(scopes));
      expect(facets.languages.map((l) => [l.language, l.count])).toEqual(tally(languages));
      expect(facets.languages.length).toBeGreaterThan(0);
      const top = await store().facets(filter, 2);
      expect(counted(top.themes)).toEqual(counted(facets.themes).slice(0, 2));
      expect(counted(top.regions)).toEqual(counted(facets.regions).slice(0, 2));
      expect(top.years).toEqual(facets.years);
      expect(top.languages).toEqual(facets.languages);
    });

    it('counts mentioned countries when the filter includes mentions, and rolls World up over every placed publication', async () => {
      const mentions = await store().facets({ countries: ['Country:GH'], includeMentions: true }, 50);
      expect(mentions.total).toBe(1);
      expect(counted(mentions.countries)).toEqual([['Country:GH', 1], ['Country:NG', 1]]);
      const all = await store().facets({}, 50);
      expect(all.total).toBe(14);
      expect(counted(all.regions)[0]).toEqual(['Region:world', 14]);
      expect(all.scopes.map((s) => s.scope)).toEqual(['GLOBAL', 'NATIONAL', 'REGIONAL']);
    });

    it('counts only the dimensions asked for, each exactly as the full answer has it', async () => {
      const filter: PublicationFilter = { yearFrom: 2016 };
      const full = await store().facets(filter, 50);
      for (const dimensions of [['themes', 'years'], ['countries', 'scopes'], ['regions', 'languages'], ['authors'], []] as const) {
        const some = await store().facets(filter, 50, dimensions);
        expect(some.total).toBe(full.total);
        for (const d of ['themes', 'countries', 'regions', 'authors', 'years', 'scopes', 'languages'] as const) {
          expect(some[d]).toEqual((dimensions as readonly string[]).includes(d) ? full[d] : []);
        }
      }
      expect(full.themes.length).toBeGreaterThan(0);
    });
  });

  describe('themeGraph', () => {
    it('matches relatedThemesOf over the whole library', async () => {
      const graph = await store().themeGraph({}, 1);
      const themeIds = graph.nodes.map((n) => n.node.id);
      const sizes = await store().publicationsOf(themeIds, 0);
      expect(counted(graph.nodes)).toEqual(tally(new Map(themeIds.map((id) => [id, sizes.get(id)?.totalCount ?? 0]))));
      const related = await store().relatedThemesOf(themeIds, 100);
      for (const id of themeIds) {
        const mine = graph.edges.filter((e) => e.source === id || e.target === id)
          .map((e) => [e.source === id ? e.target : e.source, e.count, e.jaccard, e.lift]);
        const theirs = (related.get(id) ?? []).map((r) => [r.theme.id, r.count, r.jaccard, r.lift]);
        expect(sortRows(mine)).toEqual(sortRows(theirs));
      }
      for (const e of graph.edges) expect(e.source < e.target).toBe(true);
      const byCountSourceTarget = [...graph.edges].sort((a, b) => b.count - a.count || (a.source !== b.source ? (a.source < b.source ? -1 : 1) : a.target < b.target ? -1 : 1));
      expect(graph.edges).toEqual(byCountSourceTarget);
      expect(graph.edges.length).toBeGreaterThan(5);
      const strong = await store().themeGraph({}, 2);
      expect(strong.edges).toEqual(graph.edges.filter((e) => e.count >= 2));
    });

    it('scores pairs over the filtered set only', async () => {
      const graph = await store().themeGraph({ themes: ['Theme:covid-19'] }, 1);
      expect(counted(graph.nodes)).toEqual(counted((await store().facets({ themes: ['Theme:covid-19'] }, 50)).themes));
      // 3 publications: covid-19 on all 3, human trafficking on 2 of them.
      expect(graph.edges.find((e) => e.source === 'Theme:covid-19' && e.target === 'Theme:human-trafficking'))
        .toEqual({ source: 'Theme:covid-19', target: 'Theme:human-trafficking', count: 2, jaccard: 0.6667, lift: 1 });
    });
  });

  describe('suggest', () => {
    it('ranks whole-label prefixes before later-word prefixes, then by length, key and id', async () => {
      const [bd] = await store().suggest('bang', [], 5);
      expect(bd).toEqual({ node: expect.objectContaining({ id: 'Country:BD' }), label: 'Bangladesh', rank: 0 });
      expect(ids((await store().suggest('cote', [], 5)).map((s) => s.node))).toContain('Country:CI');
      expect((await store().suggest('Côte d’', ['Country'], 5))[0].node.id).toBe('Country:CI');
      const child = await store().suggest('child', [], 20);
      expect(child.slice(0, 4).map((s) => [s.node.id, s.rank])).toEqual([
        ['Theme:child-labour', 0], ['Theme:child-marriage', 0], ['Theme:child-trafficking', 0], [P.guatemala, 0],
      ]);
      expect(child.find((s) => s.node.id === P.gangs)).toMatchObject({ rank: 1, label: 'Gang Recruitment of Children in Honduras and El Salvador' });
      const key = (s: (typeof child)[number]) => [s.rank, [...s.label].length, searchKey(s.label), s.node.id] as const;
      const sortedChild = [...child].sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
        return 0;
      });
      expect(sortedChild).toEqual(child);
      for (const s of child) expect(s.rank === 0 ? searchKey(s.label).startsWith('child') : searchKey(s.label).includes(' child')).toBe(true);
    });

    it('filters by type, bounds the list, and ignores an empty prefix', async () => {
      const traff = await store().suggest('traff', ['Theme'], 5);
      expect(traff.map((s) => [s.node.id, s.rank])).toEqual([['Theme:child-trafficking', 1], ['Theme:human-trafficking', 1]]);
      const pubs = await store().suggest('child', ['Publication'], 10);
      expect(pubs.every((s) => s.node.type === 'Publication')).toBe(true);
      expect(pubs[0]).toMatchObject({ node: { id: P.guatemala }, rank: 0 });
      expect(await store().suggest('a', [], 3)).toHaveLength(3);
      const places = await store().suggest('asia', ['Region', 'Country'], 10);
      expect(places[0]).toMatchObject({ node: { id: 'Region:asia' }, label: 'Asia', rank: 0 });
      expect(places.every((s) => ['Region', 'Country'].includes((s.node as Region | Country).type))).toBe(true);
      expect(await store().suggest(' !! ', [], 5)).toEqual([]);
    });
  });
}

function sortRows(rows: (string | number)[][]): (string | number)[][] {
  return [...rows].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
}
