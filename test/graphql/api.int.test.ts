import { Neo4jRunner } from '../../src/store/neo4j/neo4j.runner';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import type { RunningServer } from '../../src/server/http.server';
import { runImport } from '../../src/cli/import.command';
import { describeNeo4j, testRunner, wipeDatabase } from '../helpers/neo4j';
import { seedListingPath } from '../helpers/seed';
import { ApiResponse, gql, startTestServer } from '../helpers/api';
import { PassThrough } from 'node:stream';

describeNeo4j('GraphQL API over HTTP on the real Neo4j (seed listing)', () => {
  let runner: Neo4jRunner;
  let store: Neo4jStore;
  let server: RunningServer;

  beforeAll(async () => {
    runner = testRunner();
    await wipeDatabase(runner);
    await runImport([seedListingPath()], {}, new PassThrough());
    store = new Neo4jStore(testRunner());
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server?.stop();
    await store?.close();
    await runner?.close();
  });

  it('reaches the MS-13 paper from Theme:gangs', async () => {
    const res = await gql(server.url, `{ theme(id: "Theme:gangs") { name publications { totalCount nodes { title authors { name } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.theme.name).toBe('Gangs');
    expect(res.data!.theme.publications.nodes).toEqual([
      { title: 'The Connection Between the Mara Salvatrucha (MS-13) and Human Trafficking', authors: [{ name: 'Michelle Lillie' }] },
    ]);
  });

  it('gives Country:BD the region chain Southern Asia → Asia → World', async () => {
    const res = await gql(server.url, `{ country(id: "Country:BD") { name iso3 region { name } regionChain { id name level } } }`);
    expect(res.data!.country).toEqual({
      name: 'Bangladesh', iso3: 'BGD', region: { name: 'Southern Asia' },
      regionChain: [
        { id: 'Region:southern-asia', name: 'Southern Asia', level: 'SUBREGION' },
        { id: 'Region:asia', name: 'Asia', level: 'REGION' },
        { id: 'Region:world', name: 'World', level: 'WORLD' },
      ],
    });
  });

  it('finds a country by ISO code and by name, ignoring case and accents', async () => {
    const res = await gql(server.url, `{ a: country(iso: "bgd") { id } b: country(name: "bangladesh") { id } c: country(name: "cote d'ivoire") { id name } }`);
    expect(res.data).toEqual({ a: { id: 'Country:BD' }, b: { id: 'Country:BD' }, c: { id: 'Country:CI', name: "Côte d'Ivoire" } });
  });

  it("has 2016 in child-marriage's trend", async () => {
    const res = await gql(server.url, `{ theme(id: "child-marriage") { trend { year count } } }`);
    expect(res.data!.theme.trend).toContainEqual({ year: 2016, count: 1 });
  });

  it('ranks the two COVID-19 documents as each other\u2019s top related publication', async () => {
    const res = await gql(server.url, `{ theme(id: "Theme:covid-19") { publications { nodes { id related(first: 1) { publication { id } score sharedThemes { id } } } } } }`);
    const docs = res.data!.theme.publications.nodes as { id: string; related: { publication: { id: string }; sharedThemes: { id: string }[] }[] }[];
    expect(docs).toHaveLength(2);
    expect(docs[0].related[0].publication.id).toBe(docs[1].id);
    expect(docs[1].related[0].publication.id).toBe(docs[0].id);
    expect(docs[0].related[0].sharedThemes.map((t) => t.id)).toContain('Theme:covid-19');
  });

  it('visits every publication exactly once when paging with first/after', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const res: ApiResponse = await gql(server.url, `query($after: String) { publications(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`, { after });
      const conn: any = res.data!.publications;
      expect(conn.totalCount).toBe(9);
      seen.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
  });

  it('gives every publication a language, filters by languages in any case and counts them in facets', async () => {
    const all = await gql(server.url, `{ publications(first: 100) { nodes { id language } } facets { total languages { language count } } }`);
    expect(all.errors).toBeUndefined();
    const nodes = all.data!.publications.nodes as { id: string; language: string }[];
    expect(nodes).toHaveLength(9);
    expect(nodes.every((n) => /^([a-z]{2}|und)$/.test(n.language))).toBe(true);
    const counts = new Map<string, number>();
    for (const n of nodes) counts.set(n.language, (counts.get(n.language) ?? 0) + 1);
    expect(all.data!.facets).toEqual({ total: 9, languages: [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([language, count]) => ({ language, count })) });
    const [top] = all.data!.facets.languages as { language: string; count: number }[];
    const res = await gql(server.url, `query($l: [String!]) { publications(first: 100, filter: { languages: $l }) { totalCount nodes { id } } facets(filter: { languages: $l }) { total languages { language count } } }`, { l: [top.language.toUpperCase(), top.language] });
    expect(res.errors).toBeUndefined();
    expect(res.data!.publications.totalCount).toBe(top.count);
    expect(res.data!.publications.nodes.map((n: { id: string }) => n.id).sort()).toEqual(nodes.filter((n) => n.language === top.language).map((n) => n.id).sort());
    expect(res.data!.facets).toEqual({ total: top.count, languages: [top] });
  });

  it('serves GET queries with CORS headers for browsers on other origins', async () => {
    const query = encodeURIComponent('{ theme(id: "gangs") { id } }');
    const res = await fetch(`${server.url}?query=${query}`, { headers: { origin: 'https://dashboard.example.org' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual({ data: { theme: { id: 'Theme:gangs' } }, extensions: { cost: expect.objectContaining({ estimated: 3, limit: 300_000 }) } });
    expect(res.headers.get('access-control-expose-headers')).toContain('X-KG-Cost');
  });

  describe('errors', () => {
    it('returns null for unknown ids', async () => {
      const res = await gql(server.url, `{ theme(id: "Theme:nope") { id } publication(id: "Publication:nope") { id } node(id: "Country:ZZ") { id } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ theme: null, publication: null, node: null });
    });

    it.each([
      ['an unknown theme slug in a filter', `{ publications(filter: { themes: ["no-such-theme"] }) { totalCount } }`, 'filter.themes', /unknown theme "Theme:no-such-theme"/],
      ['an inverted year range', `{ publications(filter: { yearFrom: 2020, yearTo: 2010 }) { totalCount } }`, 'filter.yearFrom', /after yearTo/],
      ['a malformed cursor', `{ publications(after: "garbage") { totalCount } }`, 'after', /malformed cursor/],
      ['first over the maximum', `{ publications(first: 101) { totalCount } }`, 'first', /between 1 and 100/],
      ['first over the maximum on a nested field', `{ theme(id: "gangs") { publications(first: 1000) { totalCount } } }`, 'first', /between 1 and 100/],
      ['a year out of range', `{ publications(filter: { yearFrom: 20 }) { totalCount } }`, 'filter.yearFrom', /yearFrom/],
      ['a language that is not an ISO 639-1 code', `{ publications(filter: { languages: ["en", "Spanish", "spa"] }) { totalCount } }`, 'filter.languages', /"Spanish", "spa" are not an ISO 639-1 code/],
      ['an unknown two-letter language in facets', `{ facets(filter: { languages: ["xx"] }) { total } }`, 'filter.languages', /"xx" is not an ISO 639-1 code/],
      ['a language list over its maximum', `{ publications(filter: { languages: [${Array.from({ length: 51 }, () => '"en"').join(', ')}] }) { totalCount } }`, 'filter.languages', /at most 50 items/],
      ['RELEVANCE without text', `{ publications(orderBy: { field: RELEVANCE, direction: DESC }) { totalCount } }`, 'orderBy.field', /RELEVANCE needs filter.text/],
    ])('gives BAD_USER_INPUT for %s, naming the argument', async (_name, query, argument, message) => {
      const res = await gql(server.url, query);
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(res.errors![0].message).toMatch(message);
      expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
    });

    it('answers UNAVAILABLE when the database is unreachable, and keeps serving', async () => {
      const dead = new Neo4jStore(Neo4jRunner.connect({ uri: 'bolt://127.0.0.1:9', queryTimeoutMs: 2000, writeTimeoutMs: 2000 }));
      const down = await startTestServer(dead);
      try {
        const res = await gql(down.url, `{ themes { id } }`);
        expect(res.errors![0].extensions).toEqual({ code: 'UNAVAILABLE' });
        expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|\.ts:\d+/);
        const health = await fetch(down.url.replace('/graphql', '/health'));
        expect(health.status).toBe(200);
      } finally {
        await down.stop();
        await dead.close();
      }
    });
  });
});
