/**
 * The benchmarked operations: for each, the request sent to this server, to the @neo4j/graphql
 * server and to the raw-Cypher server, and how each answer is normalised to one plain structure
 * so that the three can be compared before anything is timed.
 */
import { searchKey } from '../src/store/fold';

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
  // The three below are optional so that hand-written parameters (bench/analysis-cost.ts) still
  // type-check; the operations fall back to values derived from the ones above.
  /** Matrix rows: the themes with the most publications, most first (rows come back in the order asked). */
  readonly matrixThemes?: readonly string[];
  /** Matrix columns: the countries most covered from `pageYearFrom` on, most first. */
  readonly matrixCountries?: readonly string[];
  /**
   * A typeahead prefix as typed: the first letters of the most covered country's name, which start
   * that name and later words of many titles and some author names (both ranks, several types).
   */
  readonly suggestPrefix?: string;
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

/** The graph model's relationship types, the ones `neighborhood` walks (the curation bookkeeping is not among them). */
const MODEL_RELATIONSHIPS = 'AUTHORED_BY|COVERS|MENTIONS|ABOUT|IN_REGION|PART_OF|BROADER';
/** The labels `suggest` looks in, each with the property that is its label. */
const SUGGEST_LABELS: readonly (readonly [string, string])[] = [['Publication', 'title'], ['Author', 'name'], ['Country', 'name'], ['Region', 'name'], ['Theme', 'name']];

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
  // Rows and columns in the order asked; a cell counts the distinct publications from $yearFrom on
  // that are ABOUT the theme and COVER the country (MENTIONS never counts; at country level a
  // covered region is no cell). Only the non-zero cells are returned: the zeros are laid out by the
  // reader, as this server's store does.
  'theme-matrix': `
    CALL () {
      UNWIND range(0, size($themes) - 1) AS i
      MATCH (t:Theme {id: $themes[i]})
      WITH i, t ORDER BY i
      RETURN collect(t.id) AS themes
    }
    CALL () {
      UNWIND range(0, size($countries) - 1) AS i
      MATCH (c:Country {id: $countries[i]})
      WITH i, c ORDER BY i
      RETURN collect(c.id) AS places
    }
    CALL () {
      MATCH (c:Country)<-[:COVERS]-(p:Publication)-[:ABOUT]->(t:Theme)
      WHERE c.id IN $countries AND t.id IN $themes AND p.year >= $yearFrom
      WITH p, collect(DISTINCT {theme: t.id, place: c.id}) AS hits
      WITH count(p) AS publicationCount, collect(hits) AS perPublication
      CALL (perPublication) {
        UNWIND perPublication AS hits
        UNWIND hits AS hit
        WITH hit.theme AS theme, hit.place AS place, count(*) AS n
        RETURN collect({theme: theme, place: place, count: n}) AS cells
      }
      RETURN publicationCount, cells
    }
    RETURN themes, places, cells, publicationCount`,
  // Breadth-first over the graph model's seven relationship types (never DECIDED), two levels, each
  // level the nodes first reached there; the first $limit by (distance, id) are kept. The second
  // level is only read while the first leaves room: past $limit it could not be kept anyway.
  neighborhood: `
    MATCH (s:Theme {id: $id})
    CALL (s) {
      MATCH (s)-[:${MODEL_RELATIONSHIPS}]-(m)
      WITH DISTINCT m ORDER BY m.id
      RETURN collect(m) AS level1
    }
    CALL (s, level1) {
      WITH s, level1 WHERE 1 + size(level1) <= $limit
      UNWIND level1 AS n
      MATCH (n)-[:${MODEL_RELATIONSHIPS}]-(m)
      WHERE m <> s AND NOT m IN level1
      WITH DISTINCT m ORDER BY m.id
      RETURN collect(m) AS level2
    }
    WITH [s] + level1 + level2 AS found, size(level1) AS near
    WITH found[0..toInteger($limit)] AS kept, size(found) > $limit AS truncated, near
    CALL (kept, near) {
      UNWIND range(0, size(kept) - 1) AS i
      WITH kept[i] AS n, CASE WHEN i = 0 THEN 0 WHEN i <= near THEN 1 ELSE 2 END AS distance
      RETURN collect({
        id: n.id, type: head([l IN labels(n) WHERE l IN ['Publication', 'Author', 'Country', 'Region', 'Theme']]),
        label: coalesce(n.title, n.name), distance: distance, degree: COUNT { (n)-[:${MODEL_RELATIONSHIPS}]-() }
      }) AS nodes
    }
    CALL (kept) {
      UNWIND kept AS a
      MATCH (a)-[r:${MODEL_RELATIONSHIPS}]->(b) WHERE b IN kept
      WITH a.id + '|' + type(r) + '|' + b.id AS id, a.id AS source, b.id AS target, type(r) AS type,
        CASE type(r) WHEN 'ABOUT' THEN r.score ELSE 1 END AS weight
      ORDER BY id
      RETURN collect({id: id, source: source, target: target, type: type, weight: weight}) AS edges
    }
    RETURN nodes, edges, truncated`,
  // $key is the prefix folded as the API folds it (searchKey): rank 0 when the folded label starts
  // with it, 1 when a later word does; by rank, label length, folded label, id. Each label keeps its
  // own first $first, which cannot drop one of the overall first $first.
  suggest: `
    CALL () {
      ${SUGGEST_LABELS.map(([label, text]) => `MATCH (n:${label}) WHERE n.searchKey STARTS WITH $key OR n.searchKey CONTAINS ' ' + $key
      RETURN n, '${label}' AS type, n.${text} AS label
      ORDER BY CASE WHEN n.searchKey STARTS WITH $key THEN 0 ELSE 1 END, size(label), n.searchKey, n.id LIMIT toInteger($first)`).join(`
      UNION ALL
      `)}
    }
    WITH n, type, label, CASE WHEN n.searchKey STARTS WITH $key THEN 0 ELSE 1 END AS rank
    RETURN n.id AS id, type, label, rank
    ORDER BY rank, size(label), n.searchKey, n.id LIMIT toInteger($first)`,
};

const FACET_FIRST = 20;
const PATH_FIRST = 3;
const MAX_HOPS = 4;
/** The explorer's defaults: its neighbourhood view's node limit and its path finder's typeahead size. */
const NEIGHBORHOOD_LIMIT = 300;
const SUGGEST_FIRST = 8;

const matrixThemes = (p: OpParams): readonly string[] => p.matrixThemes ?? [p.theme];
const matrixCountries = (p: OpParams): readonly string[] => p.matrixCountries ?? [p.country, p.pathCountry];
const suggestPrefix = (p: OpParams): string => p.suggestPrefix ?? p.theme.replace(/^Theme:/, '').slice(0, 3);

const normPage = (total: number, items: { id: string; title: string; year: number; authors: string[]; themes: { id: string; score: number }[] }[]) => ({
  total,
  items: items.map((i) => ({ ...i, themes: byId(i.themes) })),
});
interface MatrixAnswer {
  themes: string[];
  places: string[];
  cells: { theme: string; place: string; count: number }[];
  publicationCount: number;
}
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
/** Lays the non-zero cells out on the rows × columns grid, zeros included, with the totals the API derives from it. */
const normMatrix = (m: MatrixAnswer) => {
  const counts = new Map(m.cells.map((c) => [`${c.theme}\u0000${c.place}`, c.count]));
  const grid = m.themes.map((t) => m.places.map((x) => counts.get(`${t}\u0000${x}`) ?? 0));
  return {
    themes: m.themes, places: m.places, counts: grid,
    rowTotals: grid.map(sum), columnTotals: m.places.map((_, j) => sum(grid.map((row) => row[j]))),
    publicationCount: m.publicationCount,
  };
};
const pickNeighborhood = (g: Json) => ({
  truncated: g.truncated,
  nodes: g.nodes.map((n: Json) => ({ id: n.id, type: n.type, label: n.label, degree: n.degree, distance: n.distance })),
  edges: g.edges.map((e: Json) => ({ id: e.id, source: e.source, target: e.target, type: e.type, weight: e.weight })),
});
const pickSuggestions = (xs: Json[]) => xs.map((s) => ({ id: s.id, type: s.type, label: s.label, rank: s.rank }));

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
  {
    // An evidence map as the explorer's matrix view asks for it, over a bounded grid. Compared
    // whole: row and column order, every cell with its zeros, both totals and the distinct
    // publications in at least one cell.
    name: 'theme-matrix',
    title: 'theme × country evidence map (publication counts, zeros included)',
    singleLevel: true,
    kg: (p) => ({
      query: `query($t: [ID!], $c: [ID!], $y: Int) { themeMatrix(filter: {yearFrom: $y}, placeLevel: COUNTRY, themes: $t, places: $c) {
        publicationCount rows { theme { id } counts total } columns { total place { ... on Country { id } } } } }`,
      variables: { t: matrixThemes(p), c: matrixCountries(p), y: p.pageYearFrom },
    }),
    neo4jGraphql: (p) => ({
      query: `query($t: [ID!]!, $c: [ID!]!, $y: Int!) { countryMatrix(themes: $t, countries: $c, yearFrom: $y) {
        themeIds countryIds cells { themeId countryId count } publicationCount } }`,
      variables: { t: matrixThemes(p), c: matrixCountries(p), y: p.pageYearFrom },
    }),
    cypher: (p) => ({ op: 'theme-matrix', params: { themes: matrixThemes(p), countries: matrixCountries(p), yearFrom: p.pageYearFrom } }),
    normKg: (d) => ({
      themes: d.themeMatrix.rows.map((r: Json) => r.theme.id),
      places: d.themeMatrix.columns.map((c: Json) => c.place.id),
      counts: d.themeMatrix.rows.map((r: Json) => r.counts),
      rowTotals: d.themeMatrix.rows.map((r: Json) => r.total),
      columnTotals: d.themeMatrix.columns.map((c: Json) => c.total),
      publicationCount: d.themeMatrix.publicationCount,
    }),
    normNeo4jGraphql: (d) => normMatrix({
      themes: d.countryMatrix.themeIds, places: d.countryMatrix.countryIds, publicationCount: d.countryMatrix.publicationCount,
      cells: d.countryMatrix.cells.map((c: Json) => ({ theme: c.themeId, place: c.countryId, count: c.count })),
    }),
    normCypher: (rows) => normMatrix(rows[0]),
  },
  {
    // The explorer's neighbourhood view, depth 2 around the largest theme, at its default limit.
    // Compared whole, in the API's order: nodes by (distance, id) with type, label, degree and
    // distance; edges by id with their weight; whether the limit cut nodes within the depth. Once
    // the theme has more publications than the limit (a few hundred in the library), its first
    // level alone fills it: the answer is then the first level's first nodes, truncated, as the
    // API answers that click; the second level is only reached at the smoke test's sizes.
    name: 'neighborhood',
    title: 'depth-2 neighbourhood of a theme, nearest first, limited',
    singleLevel: false,
    kg: (p) => ({
      query: `query($ids: [ID!]!) { neighborhood(ids: $ids, depth: 2, limit: ${NEIGHBORHOOD_LIMIT}) {
        truncated nodes { id type label degree distance } edges { id source target type weight } } }`,
      variables: { ids: [p.theme] },
    }),
    neo4jGraphql: (p) => ({
      query: `query($id: ID!) { neighborhood(id: $id, limit: ${NEIGHBORHOOD_LIMIT}) {
        truncated nodes { id type label degree distance } edges { id source target type weight } } }`,
      variables: { id: p.theme },
    }),
    cypher: (p) => ({ op: 'neighborhood', params: { id: p.theme, limit: NEIGHBORHOOD_LIMIT } }),
    normKg: (d) => pickNeighborhood(d.neighborhood),
    normNeo4jGraphql: (d) => pickNeighborhood(d.neighborhood),
    normCypher: (rows) => pickNeighborhood(rows[0]),
  },
  {
    // Typeahead as typed (not folded). The API folds the prefix (searchKey, store/fold.ts) before
    // its statement; the other two targets get it folded by the same function here, as their
    // application code would. The order is a total order (rank, label length, folded label, id)
    // that every target computes in Cypher, so the list is compared as is, order included.
    name: 'suggest',
    title: 'typeahead over every node type for a short prefix',
    singleLevel: true,
    kg: (p) => ({
      query: `query($q: String!) { suggest(prefix: $q, first: ${SUGGEST_FIRST}) { id type label rank } }`,
      variables: { q: suggestPrefix(p) },
    }),
    neo4jGraphql: (p) => ({
      query: `query($k: String!) { suggest(key: $k, first: ${SUGGEST_FIRST}) { id type label rank } }`,
      variables: { k: searchKey(suggestPrefix(p)) },
    }),
    cypher: (p) => ({ op: 'suggest', params: { key: searchKey(suggestPrefix(p)), first: SUGGEST_FIRST } }),
    normKg: (d) => pickSuggestions(d.suggest),
    normNeo4jGraphql: (d) => pickSuggestions(d.suggest),
    normCypher: (rows) => pickSuggestions(rows),
  },
];
