// Returns the size of the filtered publication set and one page of it by fulltext score, best first, ties by id.
// Only meaningful with $text: without it every score is 0 and the order is by id.
// $text: string|null — Lucene query over publication_text (words already escaped); null = no text filter
// $themes, $countries, $regions, $authors: [string] ids; an empty list does not filter
// $includeMentions: boolean — `countries` also matches MENTIONS
// $yearFrom, $yearTo: number|null — inclusive bounds; a publication without a year never matches a bound
// $scopes: [string] — empty does not filter
// $languages: [string] — ISO 639-1 codes or 'und'; empty does not filter
// $afterSort: number|string|null, $afterId: string|null — the page starts strictly after this key ($afterId null = first page)
// $limit: number — rows wanted (first + 1, so the caller can tell whether another page follows)
// filter:begin — filled per request from cypher/filter/*.cypher (src/store/neo4j/filter-composer.ts):
// rows `p, score`, the publications the filter matches, starting from its most selective criterion
// filter:end
WITH collect({p: p, k: score, sort: score}) AS matched
RETURN size(matched) AS totalCount, COLLECT {
  UNWIND matched AS m
  WITH m WHERE $afterId IS NULL OR m.k < $afterSort OR (m.k = $afterSort AND m.p.id > $afterId)
  WITH m.p AS p, m.k AS k, m.sort AS sort
  RETURN {props: p {.*}, sort: sort} ORDER BY k DESC, p.id LIMIT toInteger($limit)
} AS page
