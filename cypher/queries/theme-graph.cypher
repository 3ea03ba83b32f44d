// Returns the theme co-occurrence network over the filtered publications (the find-publications
// filter block, so exactly the set findPublications returns): themes with how many of the set are
// ABOUT them, and theme pairs (source id < target id) on at least $minCount of them, with jaccard
// = count / (|A| + |B| - count) and lift = count * N / (|A| * |B|), sizes and N counted over the
// set, rounded to 4 decimals as related-themes-of rounds them; by count desc, source, target.
// $text: string|null — Lucene query over publication_text (words already escaped); null = no text filter
// $themes, $countries, $regions, $authors: [string] ids; an empty list does not filter
// $includeMentions: boolean — `countries` also matches MENTIONS
// $yearFrom, $yearTo: number|null — inclusive bounds; a publication without a year never matches a bound
// $scopes: [string] — empty does not filter
// $languages: [string] — ISO 639-1 codes or 'und'; empty does not filter
// $minCount: number — fewest shared publications an edge needs
// filter:begin — filled per request from cypher/filter/*.cypher (src/store/neo4j/filter-composer.ts):
// rows `p, score`, the publications the filter matches, starting from its most selective criterion
// filter:end
WITH collect(p) AS pubs
// CALL subqueries, not COLLECT expressions: those would group by the whole collected list.
CALL (pubs) {
  UNWIND pubs AS p
  MATCH (p)-[:ABOUT]->(t:Theme)
  WITH t, count(DISTINCT p) AS n ORDER BY n DESC, t.id
  RETURN collect({id: t.id, node: t {.*}, count: n}) AS themes
}
CALL (pubs) {
  // Pairs from each publication's theme ids: one expansion per publication, not one per pair.
  UNWIND pubs AS p
  WITH p, [(p)-[:ABOUT]->(t:Theme) | t.id] AS ids
  UNWIND ids AS a
  UNWIND ids AS b
  WITH p, a, b WHERE a < b
  WITH a, b, count(DISTINCT p) AS n
  WHERE n >= $minCount
  RETURN collect({a: a, b: b, n: n}) AS pairs
}
WITH themes, pairs, size(pubs) AS total
CALL (pairs, themes, total) {
  UNWIND pairs AS pair
  // Few themes exist, so looking sizes up in the list is cheaper than matching again.
  WITH pair.a AS a, pair.b AS b, pair.n AS n, total,
    [x IN themes WHERE x.id = pair.a | x.count][0] AS sizeA, [x IN themes WHERE x.id = pair.b | x.count][0] AS sizeB
  WITH a, b, n, round(toFloat(n) / (sizeA + sizeB - n), 4) AS jaccard, round(toFloat(n) * total / (sizeA * sizeB), 4) AS lift
  ORDER BY n DESC, a, b
  RETURN collect({source: a, target: b, count: n, jaccard: jaccard, lift: lift}) AS edges
}
RETURN [x IN themes | {node: x.node, count: x.count}] AS nodes, edges
