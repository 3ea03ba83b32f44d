import type { RunningServer } from '../../src/server/http.server';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import { gql, startTestServer } from '../helpers/api';
import { describeNeo4j, seedNeo4j, testRunner } from '../helpers/neo4j';

describeNeo4j('exploration queries over HTTP on the real Neo4j (seed listing)', () => {
  let store: Neo4jStore;
  let server: RunningServer;

  beforeAll(async () => {
    await seedNeo4j();
    store = new Neo4jStore(testRunner());
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server?.stop();
    await store?.close();
  });

  it('finds paths from Theme:gangs to Country:BD with nodes and relationships', async () => {
    const res = await gql(server.url, `{ paths(from: "Theme:gangs", to: "Country:BD") {
      length nodes { id } relationships { type source target direction score evidence } } }`);
    expect(res.errors).toBeUndefined();
    const paths = res.data!.paths as { length: number; nodes: { id: string }[]; relationships: { type: string; score: number | null }[] }[];
    expect(paths.length).toBeGreaterThanOrEqual(1);
    for (const p of paths) {
      expect(p.nodes[0].id).toBe('Theme:gangs');
      expect(p.nodes[p.nodes.length - 1].id).toBe('Country:BD');
      expect(p.relationships).toHaveLength(p.length);
      expect(p.length).toBeLessThanOrEqual(4);
    }
    const about = paths[0].relationships.find((r) => r.type === 'ABOUT');
    expect(about?.score).toBeGreaterThan(0);
    expect(res.roundTrips).toBeLessThanOrEqual(2);
  });

  it('returns [] when no path exists within the hops or types allowed', async () => {
    const res = await gql(server.url, `{ paths(from: "Theme:gangs", to: "Country:BD", via: [BROADER]) { length } short: paths(from: "Theme:gangs", to: "Country:BD", maxHops: 1) { length } }`);
    expect(res.data).toEqual({ paths: [], short: [] });
  });

  it('puts both COVID-19 documents in the neighbourhood of Theme:covid-19', async () => {
    const res = await gql(server.url, `{ neighborhood(ids: ["Theme:covid-19"], depth: 1) { truncated nodes { id type label degree } edges { source target type weight } } }`);
    const sub = res.data!.neighborhood;
    const pubs = sub.nodes.filter((n: { type: string }) => n.type === 'Publication');
    expect(pubs).toHaveLength(2);
    expect(pubs.every((p: { label: string }) => p.label.startsWith('COVID-19 Impact on Trafficking in Persons'))).toBe(true);
    expect(sub.truncated).toBe(false);
    expect(sub.edges.filter((e: { type: string }) => e.type === 'ABOUT')).toHaveLength(2);
  });

  it('gives a theme × country matrix with zero cells and row totals equal to Theme.countries', async () => {
    const res = await gql(server.url, `{
      themeMatrix(placeLevel: COUNTRY) { places { ... on Country { id } } rows { theme { id countries { count } } counts total } cells { count } }
    }`);
    const m = res.data!.themeMatrix;
    expect(m.cells.length).toBe(m.rows.length * m.places.length);
    expect(m.cells.some((c: { count: number }) => c.count === 0)).toBe(true);
    for (const row of m.rows) {
      const viaTheme = row.theme.countries.reduce((n: number, c: { count: number }) => n + c.count, 0);
      expect(row.total).toBe(viaTheme);
    }
  });

  it('gives facets that agree with the publications connection for a year filter', async () => {
    const res = await gql(server.url, `{
      facets(filter: { yearFrom: 2017 }, first: 100) { total years { year count } themes { theme { id } count } scopes { scope count } }
      publications(filter: { yearFrom: 2017 }, first: 100) { totalCount nodes { year scope themes { theme { id } } } }
    }`);
    const { facets, publications } = res.data!;
    expect(facets.total).toBe(publications.totalCount);
    const years = new Map<number, number>();
    const themes = new Map<string, number>();
    for (const p of publications.nodes) {
      years.set(p.year, (years.get(p.year) ?? 0) + 1);
      for (const t of p.themes) themes.set(t.theme.id, (themes.get(t.theme.id) ?? 0) + 1);
    }
    expect(facets.years).toEqual([...years].sort((a, b) => a[0] - b[0]).map(([year, count]) => ({ year, count })));
    expect(new Map(facets.themes.map((t: { theme: { id: string }; count: number }) => [t.theme.id, t.count]))).toEqual(themes);
  });

  it('counts the facet dimensions a request selects, through fragments and aliases too', async () => {
    const res = await gql(server.url, `
      query { all: facets { ...F countries { country { id } count } }  some: facets { ... on Facets { byTheme: themes { count } } } }
      fragment F on Facets { themes { count } regions { count } }`);
    const { all, some } = res.data!;
    expect(all.themes.length).toBeGreaterThan(0);
    expect(all.regions.length).toBeGreaterThan(0);
    expect(all.countries.length).toBeGreaterThan(0);
    expect(some.byTheme).toEqual(all.themes);
  });

  it('answers suggest("bang") with Country:BD first and ignores accents', async () => {
    const res = await gql(server.url, `{ a: suggest(prefix: "bang") { id rank } b: suggest(prefix: "cote", types: [Country]) { id label } }`);
    expect(res.data!.a[0]).toEqual({ id: 'Country:BD', rank: 0 });
    expect(res.data!.b[0]).toEqual({ id: 'Country:CI', label: "Côte d'Ivoire" });
  });

  it('builds the theme co-occurrence network', async () => {
    const res = await gql(server.url, `{ themeGraph { nodes { theme { id } count } edges { source target count jaccard } } theme(id: "covid-19") { relatedThemes { theme { id } count jaccard } } }`);
    const { themeGraph, theme } = res.data!;
    for (const r of theme.relatedThemes) {
      const [a, b] = ['Theme:covid-19', r.theme.id].sort();
      expect(themeGraph.edges).toContainEqual({ source: a, target: b, count: r.count, jaccard: r.jaccard });
    }
  });

  it.each([
    ['maxHops over 6', `{ paths(from: "Theme:gangs", to: "Country:BD", maxHops: 7) { length } }`, 'maxHops'],
    ['too many paths', `{ paths(from: "Theme:gangs", to: "Country:BD", first: 21) { length } }`, 'first'],
    ['an unknown path end', `{ paths(from: "Theme:nope", to: "Country:BD") { length } }`, 'from'],
    ['depth over 3', `{ neighborhood(ids: ["Theme:gangs"], depth: 4) { truncated } }`, 'depth'],
    ['limit over 2000', `{ neighborhood(ids: ["Theme:gangs"], limit: 2001) { truncated } }`, 'limit'],
    ['no seeds', `{ neighborhood(ids: []) { truncated } }`, 'ids'],
    ['a place at the wrong level', `{ themeMatrix(places: ["Country:BD"], placeLevel: REGION) { publicationCount } }`, 'places'],
    ['an unknown matrix theme', `{ themeMatrix(themes: ["nope"]) { publicationCount } }`, 'themes'],
    ['facets first over 100', `{ facets(first: 101) { total } }`, 'first'],
    ['minCount below 1', `{ themeGraph(minCount: 0) { edges { count } } }`, 'minCount'],
    ['an empty prefix', `{ suggest(prefix: "  ") { id } }`, 'prefix'],
    ['suggest first over 50', `{ suggest(prefix: "a", first: 51) { id } }`, 'first'],
  ])('gives BAD_USER_INPUT for %s, naming the argument', async (_name, query, argument) => {
    const res = await gql(server.url, query);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });
});
