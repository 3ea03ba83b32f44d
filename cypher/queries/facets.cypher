// Returns counts over the filtered publications (the filter block is the find-publications one, so
// the set is exactly what findPublications returns): the total, and per theme (ABOUT), country
// (COVERS, or MENTIONS too with $includeMentions, as the filter reads it), region (rolled up: every
// region whose subtree a covered place sits in), author, year and scope. Each count is its own
// CALL subquery over the collected set: a COLLECT expression reading the set would group by that
// whole list, hashing it once per row (out of memory on 10,000 publications). Lists are sorted,
// then sliced: ORDER BY ... LIMIT (a Top) would charge every kept row with the whole set; only
// the kept nodes' properties are read. Only the dimensions in $want are computed (a dashboard that
// shows themes and years does not pay for the region roll-up or the author counts); the others
// come back as empty lists. ABOUT and AUTHORED_BY are unique per pair and the set is distinct, so
// those counts need no DISTINCT.
// $want: {themes, countries, regions, authors, years, scopes: boolean}
// $text: string|null — Lucene query over publication_text (words already escaped); null = no text filter
// $themes, $countries, $regions, $authors: [string] ids; an empty list does not filter
// $includeMentions: boolean — `countries` also matches MENTIONS
// $yearFrom, $yearTo: number|null — inclusive bounds; a publication without a year never matches a bound
// $scopes: [string] — empty does not filter
// $first: number — items per theme, country, region and author list (years and scopes are all returned)
// filter:begin — filled per request from cypher/filter/*.cypher (src/store/neo4j/filter-composer.ts):
// rows `p, score`, the publications the filter matches, starting from its most selective criterion
// filter:end
WITH collect(p) AS pubs
CALL (pubs) {
  UNWIND CASE WHEN $want.themes THEN pubs ELSE [] END AS p
  MATCH (p)-[:ABOUT]->(t:Theme)
  WITH t, count(*) AS n ORDER BY n DESC, t.id
  WITH collect(t)[0..toInteger($first)] AS nodes, collect(n) AS counts
  RETURN [i IN range(0, size(nodes) - 1) | {node: properties(nodes[i]), count: counts[i]}] AS themes
}
CALL (pubs) {
  UNWIND CASE WHEN $want.countries THEN pubs ELSE [] END AS p
  MATCH (p)-[r:COVERS|MENTIONS]->(c:Country)
  WHERE type(r) = 'COVERS' OR $includeMentions
  WITH c, count(DISTINCT p) AS n ORDER BY n DESC, c.id
  WITH collect(c)[0..toInteger($first)] AS nodes, collect(n) AS counts
  RETURN [i IN range(0, size(nodes) - 1) | {node: properties(nodes[i]), count: counts[i]}] AS countries
}
CALL (pubs) {
  // The region filter's upward walk: a publication counts under every region it would match.
  // Walking once per covered place, not once per publication, saves most of the work.
  UNWIND CASE WHEN $want.regions THEN pubs ELSE [] END AS p
  MATCH (p)-[:COVERS]->(x)
  WITH x, collect(p) AS covering
  MATCH (x)-[:IN_REGION|PART_OF*0..7]->(r:Region)
  UNWIND covering AS p
  WITH r, count(DISTINCT p) AS n ORDER BY n DESC, r.id
  WITH collect(r)[0..toInteger($first)] AS nodes, collect(n) AS counts
  RETURN [i IN range(0, size(nodes) - 1) | {node: properties(nodes[i]), count: counts[i]}] AS regions
}
CALL (pubs) {
  UNWIND CASE WHEN $want.authors THEN pubs ELSE [] END AS p
  MATCH (p)-[:AUTHORED_BY]->(a:Author)
  WITH a, count(*) AS n ORDER BY n DESC, a.id
  WITH collect(a)[0..toInteger($first)] AS nodes, collect(n) AS counts
  RETURN [i IN range(0, size(nodes) - 1) | {node: properties(nodes[i]), count: counts[i]}] AS authors
}
CALL (pubs) {
  UNWIND CASE WHEN $want.years THEN pubs ELSE [] END AS p
  WITH p.year AS year WHERE year IS NOT NULL
  WITH year, count(*) AS n ORDER BY year
  RETURN collect({year: year, count: n}) AS years
}
CALL (pubs) {
  UNWIND CASE WHEN $want.scopes THEN pubs ELSE [] END AS p
  WITH p.scope AS scope, count(*) AS n ORDER BY n DESC, scope
  RETURN collect({scope: scope, count: n}) AS scopes
}
RETURN size(pubs) AS total, themes, countries, regions, authors, years, scopes
