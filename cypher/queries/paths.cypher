// Returns up to $first shortest paths between two nodes over relationships of the $via types (all
// when empty), walked in either direction, of at most $maxHops; ordered by the paths' node-id
// sequences, then their relationship-type sequences. allShortestPaths refuses equal ends, so the
// same node at both ends is answered by its zero-length path instead.
// $from, $to: string ids — each found through its label's id index (no label-less scan)
// $via: [string] relationship types; empty = all
// $maxHops: number — at most 6, the pattern's literal bound
// $first: number
CALL () {
  MATCH (n:Publication {id: $from}) RETURN n
  UNION MATCH (n:Author {id: $from}) RETURN n
  UNION MATCH (n:Country {id: $from}) RETURN n
  UNION MATCH (n:Region {id: $from}) RETURN n
  UNION MATCH (n:Theme {id: $from}) RETURN n
}
WITH n AS a
CALL () {
  MATCH (n:Publication {id: $to}) RETURN n
  UNION MATCH (n:Author {id: $to}) RETURN n
  UNION MATCH (n:Country {id: $to}) RETURN n
  UNION MATCH (n:Region {id: $to}) RETURN n
  UNION MATCH (n:Theme {id: $to}) RETURN n
}
WITH a, n AS b
CALL (a, b) {
  WITH a, b WHERE a <> b
  // The type predicate is checked during the search; the length bound after it (all shortest
  // paths have the same length, so filtering afterwards loses nothing).
  MATCH p = allShortestPaths((a)-[*..6]-(b))
  WHERE all(r IN relationships(p) WHERE size($via) = 0 OR type(r) IN $via)
  RETURN p
  UNION ALL
  WITH a, b WHERE a = b
  MATCH p = (a)
  RETURN p
}
WITH p WHERE length(p) <= $maxHops
WITH p ORDER BY [n IN nodes(p) | n.id], [r IN relationships(p) | type(r)] LIMIT toInteger($first)
RETURN
  [n IN nodes(p) | {type: head([l IN labels(n) WHERE l IN ['Publication', 'Author', 'Country', 'Region', 'Theme']]), props: n {.*}}] AS nodes,
  [r IN relationships(p) | {
    type: type(r), source: startNode(r).id, target: endNode(r).id,
    props: CASE type(r) WHEN 'ABOUT' THEN {score: r.score, evidence: r.evidence} WHEN 'AUTHORED_BY' THEN {position: r.position} ELSE {} END
  }] AS steps
