// Returns typeahead matches of the wanted labels: rank 0 when the folded label (searchKey) starts
// with $key, rank 1 when a later word does (it contains $word); by rank, label length, searchKey,
// id, at most $first. Each branch is one TEXT-index seek on its label's searchKey and keeps only
// its own first $first rows, so a short key matching thousands of titles sorts little.
// $key: string — the prefix's searchKey (never empty)
// $word: string — ' ' + $key
// $types: [string] — labels wanted: Publication, Author, Country, Region, Theme
// $first: number
CALL () {
  WITH 1 AS once WHERE 'Publication' IN $types
  MATCH (n:Publication) WHERE n.searchKey STARTS WITH $key
  RETURN n, 'Publication' AS type, 0 AS rank, n.title AS label ORDER BY size(label), n.searchKey, n.id LIMIT toInteger($first)
  UNION ALL
  WITH 1 AS once WHERE 'Publication' IN $types
  MATCH (n:Publication) WHERE n.searchKey CONTAINS $word AND NOT n.searchKey STARTS WITH $key
  RETURN n, 'Publication' AS type, 1 AS rank, n.title AS label ORDER BY size(label), n.searchKey, n.id LIMIT toInteger($first)
  UNION ALL
  WITH 1 AS once WHERE 'Author' IN $types
  MATCH (n:Author) WHERE n.searchKey STARTS WITH $key
  RETURN n, 'Author' AS type, 0 AS rank, n.name AS label ORDER BY size(label), n.searchKey, n.id LIMIT toInteger($first)
  UNION ALL
  WITH 1 AS once WHERE 'Author' IN $types
  MATCH (n:Author) WHERE n.searchKey CONTAINS $word AND NOT n.searchKey STARTS WITH $key
  RETURN n, 'Author' AS type, 1 AS rank, n.name AS label ORDER BY size(label), n.searchKey, n.id LIMIT toInteger($first)
  UNION ALL
  WITH 1 AS once WHERE 'Country' IN $types
  MATCH (n:Country) WHERE n.searchKey STARTS WITH $key
  RETURN n, 'Country' AS type, 0 AS rank, n.name AS label ORDER BY size(label), n.searchKey, n.id LIMIT toInteger($first)
  UNION ALL
  WITH 1 AS once WHERE 'Country' IN $types
  MATCH (n:Country) WHERE n.searchKey CONTAINS $word AND NOT n.searchKey STARTS WITH $key
  RETURN n, 'Country' AS type, 1 AS rank, n.name AS label ORDER BY size(label), n.searchKey, n.id LIMIT toInteger($first)
  UNION ALL
  WITH 1 AS once WHERE 'Region' IN $types
  MATCH (n:Region) WHERE n.searchKey STARTS WITH $key
  RETURN n, 'Region' AS type, 0 AS rank, n.name AS label ORDER BY size(label), n.searchKey, n.id LIMIT toInteger($first)
  UNION ALL
  WITH 1 AS once WHERE 'Region' IN $types
  MATCH (n:Region) WHERE n.searchKey CONTAINS $word AND NOT n.searchKey STARTS WITH $key
  RETURN n, 'Region' AS type, 1 AS rank, n.name AS label ORDER BY size(label), n.searchKey, n.id LIMIT toInteger($first)
  UNION ALL
  WITH 1 AS once WHERE 'Theme' IN $types
  MATCH (n:Theme) WHERE n.searchKey STARTS WITH $key
  RETURN n, 'Theme' AS type, 0 AS rank, n.name AS label ORDER BY size(label), n.searchKey, n.id LIMIT toInteger($first)
  UNION ALL
  WITH 1 AS once WHERE 'Theme' IN $types
  MATCH (n:Theme) WHERE n.searchKey CONTAINS $word AND NOT n.searchKey STARTS WITH $key
  RETURN n, 'Theme' AS type, 1 AS rank, n.name AS label ORDER BY size(label), n.searchKey, n.id LIMIT toInteger($first)
}
RETURN type, n {.*} AS props, rank, label
ORDER BY rank, size(label), n.searchKey, n.id
LIMIT toInteger($first)
