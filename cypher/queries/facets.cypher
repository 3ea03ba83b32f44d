// Returns counts over the filtered publications (the filter block is the find-publications one, so
// the set is exactly what findPublications returns): per (year, scope, language) cell, and per theme (ABOUT),
// country (COVERS, or MENTIONS too with $includeMentions, as the filter reads it), region (rolled up:
// every region whose subtree a covered place sits in), author, year, scope and language. Each count is its own
// CALL subquery over the collected set: a COLLECT expression reading the set would group by that
// whole list, hashing it once per row (out of memory on 10,000 publications). Lists are sorted,
// then sliced: ORDER BY ... LIMIT (a Top) would charge every kept row with the whole set; only
// the kept nodes' properties are read. Only the dimensions in $want are computed (a dashboard that
// shows themes and years does not pay for the region roll-up or the author counts); the others
// come back as empty lists. ABOUT and AUTHORED_BY are unique per pair and the set is distinct, so
// those counts need no DISTINCT.
// $want: {themes, countries, regions, authors, years, scopes, languages: boolean}
// $text: string|null — Lucene query over publication_text (words already escaped); null = no text filter
// $themes, $countries, $regions, $authors: [string] ids; an empty list does not filter
// $includeMentions: boolean — `countries` also matches MENTIONS
// $yearFrom, $yearTo: number|null — inclusive bounds; a publication without a year never matches a bound
// $scopes: [string] — empty does not filter
// $languages: [string] — ISO 639-1 codes or 'und'; empty does not filter
// $first: number — items per theme, country, region and author list (years, scopes and languages are all returned)
// filter:begin — filled per request from cypher/filter/*.cypher (src/store/neo4j/filter-composer.ts):
// rows `p, score`, the publications the filter matches, starting from its most selective criterion
// filter:end
// One pass groups the set by (year, scope, language): those cells give the total, the years, the
// scopes and the languages (the adapter adds them up), and the groups are the set every other
// dimension walks. A publication stored before languages were has none: it counts as 'und'.
WITH p.year AS year, p.scope AS scope, coalesce(p.language, 'und') AS language, collect(p) AS group
WITH collect({year: year, scope: scope, language: language, count: size(group)}) AS cells, collect(group) AS groups
CALL (groups) {
  UNWIND CASE WHEN $want.themes THEN groups ELSE [] END AS g
  UNWIND g AS p
  MATCH (p)-[:ABOUT]->(t)
  WITH t, count(*) AS n ORDER BY n DESC, t.id
  WITH collect(t)[0..toInteger($first)] AS nodes, collect(n) AS counts
  RETURN [i IN range(0, size(nodes) - 1) | {node: properties(nodes[i]), count: counts[i]}] AS themes
}
CALL (groups) {
  UNWIND CASE WHEN $want.countries THEN groups ELSE [] END AS g
  UNWIND g AS p
  MATCH (p)-[r:COVERS|MENTIONS]->(c:Country)
  WHERE type(r) = 'COVERS' OR $includeMentions
  WITH c, count(DISTINCT p) AS n ORDER BY n DESC, c.id
  WITH collect(c)[0..toInteger($first)] AS nodes, collect(n) AS counts
  RETURN [i IN range(0, size(nodes) - 1) | {node: properties(nodes[i]), count: counts[i]}] AS countries
}
CALL (groups) {
  // The region filter's upward walk: a publication counts under every region it would match.
  // Walking once per covered place, not once per publication, saves most of the work.
  UNWIND CASE WHEN $want.regions THEN groups ELSE [] END AS g
  UNWIND g AS p
  MATCH (p)-[:COVERS]->(x)
  WITH x, collect(p) AS covering
  MATCH (x)-[:IN_REGION|PART_OF*0..7]->(r:Region)
  UNWIND covering AS p
  WITH r, count(DISTINCT p) AS n ORDER BY n DESC, r.id
  WITH collect(r)[0..toInteger($first)] AS nodes, collect(n) AS counts
  RETURN [i IN range(0, size(nodes) - 1) | {node: properties(nodes[i]), count: counts[i]}] AS regions
}
CALL (groups) {
  UNWIND CASE WHEN $want.authors THEN groups ELSE [] END AS g
  UNWIND g AS p
  MATCH (p)-[:AUTHORED_BY]->(a)
  WITH a, count(*) AS n ORDER BY n DESC, a.id
  WITH collect(a)[0..toInteger($first)] AS nodes, collect(n) AS counts
  RETURN [i IN range(0, size(nodes) - 1) | {node: properties(nodes[i]), count: counts[i]}] AS authors
}
RETURN cells, themes, countries, regions, authors
