// Returns how many authors match and one page of them by lower-cased name, then id.
// $nameContains: string|null — case-insensitive substring of the name; null = every author
// $afterSort: string|null, $afterId: string|null — the page starts strictly after this (name, id) ($afterId null = first page)
// $limit: number — rows wanted (first + 1)
MATCH (a:Author)
WHERE $nameContains IS NULL OR toLower(a.name) CONTAINS toLower($nameContains)
WITH collect(a) AS matched
RETURN size(matched) AS totalCount, COLLECT {
  UNWIND matched AS a
  WITH a, toLower(a.name) AS k WHERE $afterId IS NULL OR k > toLower($afterSort) OR (k = toLower($afterSort) AND a.id > $afterId)
  RETURN a {.*} ORDER BY k, a.id LIMIT toInteger($limit)
} AS page
