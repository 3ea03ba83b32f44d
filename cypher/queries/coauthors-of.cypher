// Returns each author's co-authors with the number of publications they share, by count desc then id.
// $ids: [string] author ids
// $first: number — co-authors per author
UNWIND $ids AS id
MATCH (a:Author {id: id})
RETURN id, COLLECT {
  MATCH (a)<-[:AUTHORED_BY]-(p:Publication)-[:AUTHORED_BY]->(b:Author)
  WHERE b <> a
  WITH b, count(DISTINCT p) AS n
  RETURN {node: b {.*}, count: n} ORDER BY n DESC, b.id LIMIT toInteger($first)
} AS items
