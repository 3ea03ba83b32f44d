// Returns the rows, columns and non-zero cells of a theme x place matrix over the filtered
// publications (the find-publications filter block, so exactly the set findPublications returns),
// and how many of them fall in at least one cell. A cell counts publications ABOUT the theme
// (directly) that cover the place or, for a region, anything below it: the region filter's upward
// walk from each covered place. The caller lays out the zero cells. CALL subqueries, not COLLECT
// expressions, read the collected set: those would group by the whole list, hashing it per row.
// $rowIds: [string]|null — theme ids in row order (unknown ids and repeats dropped); null = every theme by name
// $placeIds: [string]|null — country or region ids in column order (same rules); null = every place at $level by name
// $level: 'COUNTRY' | 'SUBREGION' | 'REGION' — the default columns: all countries, or the regions of that level
// $text: string|null — Lucene query over publication_text (words already escaped); null = no text filter
// $themes, $countries, $regions, $authors: [string] ids; an empty list does not filter
// $includeMentions: boolean — `countries` also matches MENTIONS
// $yearFrom, $yearTo: number|null — inclusive bounds; a publication without a year never matches a bound
// $scopes: [string] — empty does not filter
// $languages: [string] — ISO 639-1 codes or 'und'; empty does not filter
// filter:begin — filled per request from cypher/filter/*.cypher (src/store/neo4j/filter-composer.ts):
// rows `p, score`, the publications the filter matches, starting from its most selective criterion
// filter:end
WITH collect(p) AS pubs
// Rows and columns scan their labels (a few hundred nodes at most) and sort given ids by position.
CALL () {
  MATCH (t:Theme)
  WHERE $rowIds IS NULL OR t.id IN $rowIds
  WITH t, CASE WHEN $rowIds IS NULL THEN 0 ELSE [i IN range(0, size($rowIds) - 1) WHERE $rowIds[i] = t.id][0] END AS at
  ORDER BY at, toLower(t.name), t.id
  RETURN collect(t) AS rows
}
CALL () {
  CALL () {
    MATCH (x:Country)
    WHERE ($placeIds IS NULL AND $level = 'COUNTRY') OR x.id IN $placeIds
    RETURN x
    UNION
    MATCH (x:Region)
    WHERE ($placeIds IS NULL AND x.level = $level) OR x.id IN $placeIds
    RETURN x
  }
  WITH x, CASE WHEN $placeIds IS NULL THEN 0 ELSE [i IN range(0, size($placeIds) - 1) WHERE $placeIds[i] = x.id][0] END AS at
  ORDER BY at, toLower(x.name), x.id
  RETURN collect(x) AS columns
}
CALL (pubs, rows, columns) {
  WITH pubs, [t IN rows | t.id] AS rowKeys, [x IN columns | x.id] AS columnKeys
  // Group the publications by covered place, so each place walks up its tree once.
  CALL (pubs, rowKeys) {
    UNWIND pubs AS p
    WITH p, [(p)-[:ABOUT]->(t:Theme) WHERE t.id IN rowKeys | t.id] AS themes
    WHERE size(themes) > 0
    MATCH (p)-[:COVERS]->(x)
    RETURN x, collect({p: p, themes: themes}) AS covering
  }
  WITH covering, COLLECT {
    MATCH (x)-[:IN_REGION|PART_OF*0..7]->(y)
    WHERE y.id IN columnKeys
    RETURN DISTINCT y.id
  } AS places
  WHERE size(places) > 0
  UNWIND covering AS c
  UNWIND places AS place
  WITH c.p AS p, c.themes AS themes, collect(DISTINCT place) AS places
  RETURN collect({themes: themes, places: places}) AS hits
}
CALL (hits) {
  UNWIND hits AS hit
  UNWIND hit.themes AS theme
  UNWIND hit.places AS place
  WITH theme, place, count(*) AS n
  RETURN collect({theme: theme, place: place, count: n}) AS cells
}
RETURN
  [t IN rows | t {.*}] AS themes,
  [x IN columns | {type: head([l IN labels(x) WHERE l IN ['Country', 'Region']]), props: x {.*}}] AS places,
  cells, size(hits) AS publicationCount
