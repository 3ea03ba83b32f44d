// Returns the best fulltext matches over publication titles and abstracts and over entity names,
// of the wanted node types, by score desc then id, at most $first.
// $query: string — Lucene query (words already escaped)
// $types: [string] — node types wanted: Publication, Author, Country, Region, Theme
// $first: number
CALL () {
  WITH 1 AS once WHERE 'Publication' IN $types
  CALL db.index.fulltext.queryNodes('publication_text', $query) YIELD node, score
  RETURN node, score, 'Publication' AS type
  UNION ALL
  CALL db.index.fulltext.queryNodes('entity_name', $query) YIELD node, score
  WITH node, score, [label IN labels(node) WHERE label IN $types][0] AS type
  WHERE type IS NOT NULL
  RETURN node, score, type
}
RETURN type, node {.*} AS props, score
ORDER BY score DESC, node.id
LIMIT toInteger($first)
