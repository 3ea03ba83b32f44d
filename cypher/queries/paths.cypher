// Returns up to $first shortest paths between two nodes over relationships of the $via types (all
// when empty), walked in either direction, of at most $maxHops; ordered by the paths' node-id
// sequences, then their relationship-type sequences. allShortestPaths refuses equal ends, so the
// same node at both ends is answered by its zero-length path instead.
// One row: `missing` names the ends that are not in the graph ('from', 'to'; then `paths` is
// empty), so an unknown id is told apart from "no path" without a second round trip.
// $from, $to: string ids — each found through its label's id index (no label-less scan)
// $via: [string] relationship types; empty = all (the `if $via` block is then dropped). "All" is the
//   graph model's seven types, never the curation bookkeeping (DECIDED) beside them
// $maxHops: number — at most 6, the pattern's literal bound
// $first: number
CALL () {
  CALL () {
    MATCH (n:Publication {id: $from}) RETURN n
    UNION MATCH (n:Author {id: $from}) RETURN n
    UNION MATCH (n:Country {id: $from}) RETURN n
    UNION MATCH (n:Region {id: $from}) RETURN n
    UNION MATCH (n:Theme {id: $from}) RETURN n
  }
  RETURN head(collect(n)) AS a
}
CALL () {
  CALL () {
    MATCH (n:Publication {id: $to}) RETURN n
    UNION MATCH (n:Author {id: $to}) RETURN n
    UNION MATCH (n:Country {id: $to}) RETURN n
    UNION MATCH (n:Region {id: $to}) RETURN n
    UNION MATCH (n:Theme {id: $to}) RETURN n
  }
  RETURN head(collect(n)) AS b
}
WITH a, b, CASE WHEN a IS NULL THEN ['from'] ELSE [] END + CASE WHEN b IS NULL THEN ['to'] ELSE [] END AS missing
CALL (a, b, missing) {
  CALL (a, b, missing) {
    WITH a, b WHERE size(missing) = 0 AND a <> b
    // The type predicate is checked during the search; the length bound after it (all shortest
    // paths have the same length, so filtering afterwards loses nothing).
    MATCH p = allShortestPaths((a)-[:AUTHORED_BY|COVERS|MENTIONS|ABOUT|IN_REGION|PART_OF|BROADER*..6]-(b))
    // if $via: without types the predicate is left out, not tested on every expanded relationship
    WHERE all(r IN relationships(p) WHERE type(r) IN $via)
    // end if $via
    RETURN p
    UNION ALL
    WITH a, b WHERE size(missing) = 0 AND a = b
    MATCH p = (a)
    RETURN p
  }
  WITH p WHERE length(p) <= $maxHops
  WITH p ORDER BY [n IN nodes(p) | n.id], [r IN relationships(p) | type(r)] LIMIT toInteger($first)
  RETURN collect({
    nodes: [n IN nodes(p) | {type: head([l IN labels(n) WHERE l IN ['Publication', 'Author', 'Country', 'Region', 'Theme']]), props: n {.*}}],
    steps: [r IN relationships(p) | {
      type: type(r), source: startNode(r).id, target: endNode(r).id,
      props: CASE type(r) WHEN 'ABOUT' THEN {score: r.score, evidence: r.evidence} WHEN 'AUTHORED_BY' THEN {position: r.position} ELSE {} END
    }]
  }) AS paths
}
RETURN missing, paths
