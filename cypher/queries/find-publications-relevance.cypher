// Returns the size of the filtered publication set and one page of it by fulltext score, best first, ties by id.
// Only meaningful with $text: without it every score is 0 and the order is by id.
// $text: string|null — Lucene query over publication_text (words already escaped); null = no text filter
// $themes, $countries, $regions, $authors: [string] ids; an empty list does not filter
// $includeMentions: boolean — `countries` also matches MENTIONS
// $yearFrom, $yearTo: number|null — inclusive bounds; a publication without a year never matches a bound
// $scopes: [string] — empty does not filter
// $afterSort: number|string|null, $afterId: string|null — the page starts strictly after this key ($afterId null = first page)
// $limit: number — rows wanted (first + 1, so the caller can tell whether another page follows)
// filter:begin — identical in every find-publications-*.cypher (a test checks it)
CALL () {
  WITH $text AS text WHERE text IS NOT NULL
  CALL db.index.fulltext.queryNodes('publication_text', text) YIELD node, score
  RETURN node AS p, score
  UNION ALL
  WITH $text AS text WHERE text IS NULL
  MATCH (p:Publication)
  RETURN p, 0.0 AS score
}
WITH p, score
WHERE ($yearFrom IS NULL OR p.year >= $yearFrom)
  AND ($yearTo IS NULL OR p.year <= $yearTo)
  AND (size($scopes) = 0 OR p.scope IN $scopes)
  AND (size($authors) = 0 OR EXISTS { (p)-[:AUTHORED_BY]->(a:Author) WHERE a.id IN $authors })
  AND (size($countries) = 0 OR EXISTS {
    (p)-[r:COVERS|MENTIONS]->(c:Country) WHERE c.id IN $countries AND (type(r) = 'COVERS' OR $includeMentions)
  })
  // A theme matches its narrower themes too.
  AND (size($themes) = 0 OR EXISTS { (p)-[:ABOUT]->(:Theme)-[:BROADER*0..5]->(t:Theme) WHERE t.id IN $themes })
  // A region matches what is covered anywhere below it: IN_REGION only leaves countries and
  // PART_OF only joins regions, so one upward walk from the covered place finds both cases.
  AND (size($regions) = 0 OR EXISTS { (p)-[:COVERS]->()-[:IN_REGION|PART_OF*0..7]->(r:Region) WHERE r.id IN $regions })
// filter:end
WITH collect({p: p, k: score, sort: score}) AS matched
RETURN size(matched) AS totalCount, COLLECT {
  UNWIND matched AS m
  WITH m WHERE $afterId IS NULL OR m.k < $afterSort OR (m.k = $afterSort AND m.p.id > $afterId)
  WITH m.p AS p, m.k AS k, m.sort AS sort
  RETURN {props: p {.*}, sort: sort} ORDER BY k DESC, p.id LIMIT toInteger($limit)
} AS page
