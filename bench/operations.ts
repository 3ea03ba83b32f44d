/**
 * The benchmarked operations: for each, the request sent to this server, to the @neo4j/graphql
 * server and to the raw-Cypher server, and how each answer is normalised to one plain structure
 * so that the three can be compared before anything is timed.
 */

/** Values picked from the imported data before the run (see pickParams in run.ts). */
export interface OpParams {
  /** The country with the most covering publications. */
  readonly country: string;
  /** The theme with the most publications. */
  readonly theme: string;
  /** A country for the path: the least covered one that has publications. */
  readonly pathCountry: string;
  readonly pageYearFrom: number;
  readonly facetYearFrom: number;
}

/** A GraphQL request body. */
export interface GraphQLRequest {
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** A request to the raw-Cypher server: one statement, run as one read transaction. */
export interface CypherRequest {
  readonly op: string;
  readonly params: Record<string, unknown>;
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One operation as the three targets run it. */
export interface Operation {
  readonly name: string;
  readonly title: string;
  /** Whether the target thresholds count it as a single-level query (≤ 1.25× raw Cypher p50). */
  readonly singleLevel: boolean;
  kg(p: OpParams): GraphQLRequest;
  neo4jGraphql(p: OpParams): GraphQLRequest;
  cypher(p: OpParams): CypherRequest;
  /** Normalisers: each maps a target's `data` (or Cypher rows) to the same structure. */
  normKg(data: Json): unknown;
  normNeo4jGraphql(data: Json): unknown;
  normCypher(rows: Json[]): unknown;
}

const PAGE = 20;
const byId = <T extends { id: string }>(xs: T[]): T[] => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const byCountThenId = <T extends { id: string; count: number }>(xs: T[]): T[] =>
  [...xs].sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The Cypher statements of the raw-Cypher target, by operation name (hand-written, one per operation). */
export const CYPHER: Readonly<Record<string, string>> = {
  'publication-page': `
    MATCH (:Country {id: $country})<-[:COVERS]-(p:Publication) WHERE p.year >= $yearFrom
    WITH DISTINCT p ORDER BY p.year DESC, p.id
    WITH collect(p) AS ps
    WITH size(ps) AS total, ps[0..toInteger($first)] AS page
    UNWIND page AS p
    RETURN total, p.id AS id, p.title AS title, p.year AS year,
      COLLECT { MATCH (p)-[r:AUTHORED_BY]->(a:Author) RETURN a.id ORDER BY r.position, a.id } AS authors,
      COLLECT { MATCH (p)-[r:ABOUT]->(t:Theme) RETURN {id: t.id, score: r.score} ORDER BY t.id } AS themes
    ORDER BY p.year DESC, p.id`,
  'theme-traversal': `
    MATCH (:Theme {id: $theme})<-[:ABOUT]-(p:Publication)
    WITH p ORDER BY p.year DESC, p.id LIMIT toInteger($first)
    RETURN p.id AS id, COLLECT {
      MATCH (p)-[:COVERS]->(c:Country)
      OPTIONAL MATCH (c)-[:IN_REGION]->(r:Region)
      RETURN {id: c.id, region: r.id} ORDER BY c.id
    } AS countries
    ORDER BY p.year DESC, p.id`,
  'country-themes': `
    MATCH (:Country {id: $country})<-[:COVERS]-(p:Publication)-[:ABOUT]->(t:Theme)
    WITH t, count(DISTINCT p) AS n
    RETURN t.id AS id, n AS count ORDER BY n DESC, t.id`,
  'related-themes': `
    MATCH (a:Theme {id: $theme})
    WITH a, COUNT { (a)<-[:ABOUT]-(:Publication) } AS sizeA, COUNT { (:Publication) } AS total
    MATCH (a)<-[:ABOUT]-(p:Publication)-[:ABOUT]->(b:Theme)
    WHERE b <> a
    WITH b, count(DISTINCT p) AS n, sizeA, total
    WITH b, n, sizeA, total, COUNT { (b)<-[:ABOUT]-(:Publication) } AS sizeB
    RETURN b.id AS id, n AS count, round(toFloat(n) / (sizeA + sizeB - n), 4) AS jaccard, round(toFloat(n) * total / (sizeA * sizeB), 4) AS lift
    ORDER BY n DESC, jaccard DESC, b.id LIMIT toInteger($first)`,
  facets: `
    MATCH (p:Publication) WHERE p.year >= $yearFrom
    WITH collect(p) AS pubs
    CALL (pubs) {
      UNWIND pubs AS p
      MATCH (p)-[:ABOUT]->(t:Theme)
      WITH t, count(DISTINCT p) AS n ORDER BY n DESC, t.id LIMIT toInteger($first)
      RETURN collect({id: t.id, count: n}) AS themes
    }
    CALL (pubs) {
      UNWIND pubs AS p
      WITH p.year AS year, count(*) AS n ORDER BY year
      RETURN collect({year: year, count: n}) AS years
    }
    CALL (pubs) {
      UNWIND pubs AS p
      WITH p.scope AS scope, count(*) AS n ORDER BY n DESC, scope
      RETURN collect({scope: scope, count: n}) AS scopes
    }
    RETURN size(pubs) AS total, themes, years, scopes`,
  'shortest-path': `
    MATCH (a:Theme {id: $from}), (b:Country {id: $to})
    MATCH p = allShortestPaths((a)-[*..6]-(b))
    WITH p WHERE length(p) <= $maxHops
    WITH p ORDER BY [n IN nodes(p) | n.id], [r IN relationships(p) | type(r)] LIMIT toInteger($first)
    RETURN length(p) AS length, [n IN nodes(p) | n.id] AS nodeIds`,
};

const FACET_FIRST = 20;
const PATH_FIRST = 3;
const MAX_HOPS = 4;

const normPage = (total: number, items: { id: string; title: string; year: number; authors: string[]; themes: { id: string; score: number }[] }[]) => ({
  total,
  items: items.map((i) => ({ ...i, themes: byId(i.themes) })),
});
const normFacets = (f: { total: number; themes: { id: string; count: number }[]; years: unknown[]; scopes: unknown[] }) => ({
  total: f.total, themes: byCountThenId(f.themes), years: f.years, scopes: f.scopes,
});

export const OPERATIONS: readonly Operation[] = [
  {
    name: 'publication-page',
    title: 'filtered publication page with authors and themes',
    singleLevel: false,
    kg: (p) => ({
      query: `query($c: [ID!], $y: Int) { publications(filter: {countries: $c, yearFrom: $y}, first: ${PAGE}) {
        totalCount nodes { id title year authors { id } themes { theme { id } score } } } }`,
      variables: { c: [p.country], y: p.pageYearFrom },
    }),
    neo4jGraphql: (p) => ({
      query: `query($c: ID!, $y: Int!) { publicationsConnection(first: ${PAGE}, where: {year: {gte: $y}, countries: {some: {id: {eq: $c}}}}, sort: [{year: DESC}, {id: ASC}]) {
        totalCount edges { node { id title year
          authorsConnection(sort: [{edge: {position: ASC}}, {node: {id: ASC}}]) { edges { node { id } } }
          themesConnection { edges { properties { score } node { id } } } } } } }`,
      variables: { c: p.country, y: p.pageYearFrom },
    }),
    cypher: (p) => ({ op: 'publication-page', params: { country: p.country, yearFrom: p.pageYearFrom, first: PAGE } }),
    normKg: (d) => normPage(d.publications.totalCount, d.publications.nodes.map((n: Json) => ({
      id: n.id, title: n.title, year: n.year, authors: n.authors.map((a: Json) => a.id),
      themes: n.themes.map((t: Json) => ({ id: t.theme.id, score: t.score })),
    }))),
    normNeo4jGraphql: (d) => normPage(d.publicationsConnection.totalCount, d.publicationsConnection.edges.map(({ node: n }: Json) => ({
      id: n.id, title: n.title, year: n.year, authors: n.authorsConnection.edges.map((e: Json) => e.node.id),
      themes: n.themesConnection.edges.map((e: Json) => ({ id: e.node.id, score: e.properties.score })),
    }))),
    normCypher: (rows) => normPage(rows[0]?.total ?? 0, rows.map((r) => ({ id: r.id, title: r.title, year: r.year, authors: r.authors, themes: r.themes }))),
  },
  {
    name: 'theme-traversal',
    title: 'theme → publications → countries → region',
    singleLevel: false,
    kg: (p) => ({
      query: `query($t: ID!) { theme(id: $t) { publications(first: ${PAGE}) { nodes { id countries { id region { id } } } } } }`,
      variables: { t: p.theme },
    }),
    neo4jGraphql: (p) => ({
      query: `query($t: ID!) { themes(where: {id: {eq: $t}}) { publications(sort: [{year: DESC}, {id: ASC}], limit: ${PAGE}) { id countries { id region { id } } } } }`,
      variables: { t: p.theme },
    }),
    cypher: (p) => ({ op: 'theme-traversal', params: { theme: p.theme, first: PAGE } }),
    normKg: (d) => d.theme.publications.nodes.map((n: Json) => ({ id: n.id, countries: byId(n.countries.map((c: Json) => ({ id: c.id, region: c.region?.id ?? null }))) })),
    normNeo4jGraphql: (d) => d.themes[0].publications.map((n: Json) => ({ id: n.id, countries: byId(n.countries.map((c: Json) => ({ id: c.id, region: c.region[0]?.id ?? null }))) })),
    normCypher: (rows) => rows.map((r) => ({ id: r.id, countries: byId(r.countries) })),
  },
  {
    name: 'country-themes',
    title: "a country's themes with counts",
    singleLevel: true,
    kg: (p) => ({ query: `query($c: ID) { country(id: $c) { themes { theme { id } count } } }`, variables: { c: p.country } }),
    neo4jGraphql: (p) => ({ query: `query($c: ID!) { countries(where: {id: {eq: $c}}) { themeCounts { themeId count } } }`, variables: { c: p.country } }),
    cypher: (p) => ({ op: 'country-themes', params: { country: p.country } }),
    normKg: (d) => byCountThenId(d.country.themes.map((t: Json) => ({ id: t.theme.id, count: t.count }))),
    normNeo4jGraphql: (d) => byCountThenId(d.countries[0].themeCounts.map((t: Json) => ({ id: t.themeId, count: t.count }))),
    normCypher: (rows) => byCountThenId(rows.map((r) => ({ id: r.id, count: r.count }))),
  },
  {
    name: 'related-themes',
    title: "a theme's related (co-occurring) themes",
    singleLevel: true,
    kg: (p) => ({ query: `query($t: ID!) { theme(id: $t) { relatedThemes(first: ${FACET_FIRST}) { theme { id } count jaccard lift } } }`, variables: { t: p.theme } }),
    neo4jGraphql: (p) => ({ query: `query($t: ID!) { themes(where: {id: {eq: $t}}) { relatedThemes(first: ${FACET_FIRST}) { themeId count jaccard lift } } }`, variables: { t: p.theme } }),
    cypher: (p) => ({ op: 'related-themes', params: { theme: p.theme, first: FACET_FIRST } }),
    normKg: (d) => d.theme.relatedThemes.map((r: Json) => ({ id: r.theme.id, count: r.count, jaccard: r.jaccard, lift: r.lift })),
    normNeo4jGraphql: (d) => d.themes[0].relatedThemes.map((r: Json) => ({ id: r.themeId, count: r.count, jaccard: r.jaccard, lift: r.lift })),
    normCypher: (rows) => rows.map((r) => ({ id: r.id, count: r.count, jaccard: r.jaccard, lift: r.lift })),
  },
  {
    name: 'facets',
    title: 'facets for a filter (total, themes, years, scopes)',
    singleLevel: false,
    kg: (p) => ({
      query: `query($y: Int) { facets(filter: {yearFrom: $y}, first: ${FACET_FIRST}) { total themes { theme { id } count } years { year count } scopes { scope count } } }`,
      variables: { y: p.facetYearFrom },
    }),
    neo4jGraphql: (p) => ({
      query: `query($y: Int!) { facets(yearFrom: $y, first: ${FACET_FIRST}) { total themes { themeId count } years { year count } scopes { scope count } } }`,
      variables: { y: p.facetYearFrom },
    }),
    cypher: (p) => ({ op: 'facets', params: { yearFrom: p.facetYearFrom, first: FACET_FIRST } }),
    normKg: (d) => normFacets({ ...d.facets, themes: d.facets.themes.map((t: Json) => ({ id: t.theme.id, count: t.count })) }),
    normNeo4jGraphql: (d) => normFacets({ ...d.facets, themes: d.facets.themes.map((t: Json) => ({ id: t.themeId, count: t.count })) }),
    normCypher: (rows) => normFacets(rows[0]),
  },
  {
    name: 'shortest-path',
    title: 'shortest paths between a theme and a country',
    singleLevel: true,
    kg: (p) => ({
      query: `query($f: ID!, $t: ID!) { paths(from: $f, to: $t, maxHops: ${MAX_HOPS}, first: ${PATH_FIRST}) { length nodes { id } } }`,
      variables: { f: p.theme, t: p.pathCountry },
    }),
    neo4jGraphql: (p) => ({
      query: `query($f: ID!, $t: ID!) { shortestPaths(from: $f, to: $t, maxHops: ${MAX_HOPS}, first: ${PATH_FIRST}) { length nodeIds } }`,
      variables: { f: p.theme, t: p.pathCountry },
    }),
    cypher: (p) => ({ op: 'shortest-path', params: { from: p.theme, to: p.pathCountry, maxHops: MAX_HOPS, first: PATH_FIRST } }),
    normKg: (d) => d.paths.map((x: Json) => ({ length: x.length, nodeIds: x.nodes.map((n: Json) => n.id) })),
    normNeo4jGraphql: (d) => d.shortestPaths.map((x: Json) => ({ length: x.length, nodeIds: x.nodeIds })),
    normCypher: (rows) => rows.map((r) => ({ length: r.length, nodeIds: r.nodeIds })),
  },
];
