// Returns the subgraph around seed nodes, breadth-first: each level holds the nodes first reached
// at that distance (DISTINCT, never walking paths, which explode on hubs such as World), of the
// wanted labels; seeds are kept and expanded whatever their label. A level is expanded only while
// at most $limit nodes are found, and keeps at most $limit + 1 nodes (smallest ids): either way
// the cut nodes could not be among the first $limit by (distance, id), so the answer is exact.
// Neighbours of level k lie in levels k - 1, k or k + 1, so only those two are excluded. Levels
// are sorted with ORDER BY then sliced, not ORDER BY ... LIMIT: a Top inside a subquery charges
// every buffered row with the imported level lists (limit² node references, 200 MB at 2,000).
// Returns the first $limit nodes by (distance, id) with degree and distance, whether more were
// found, and every relationship between two kept nodes, by edge id. Every walk names the graph
// model's seven relationship types, so the curation bookkeeping (DECIDED) is never reached or counted.
// $ids: [string] seed ids — each found through its label's id index
// $depth: number — 0 to 3 (levels are unrolled; deeper levels are never expanded)
// $limit: number — nodes kept
// $types: [string] labels reached past the seeds; empty = all
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Publication {id: id}) RETURN n
  UNION MATCH (n:Author {id: id}) RETURN n
  UNION MATCH (n:Country {id: id}) RETURN n
  UNION MATCH (n:Region {id: id}) RETURN n
  UNION MATCH (n:Theme {id: id}) RETURN n
}
WITH DISTINCT n ORDER BY n.id
WITH collect(n) AS level0
CALL (level0) {
  WITH level0 WHERE $depth >= 1 AND size(level0) <= $limit
  UNWIND level0 AS n
  MATCH (n)-[:AUTHORED_BY|COVERS|MENTIONS|ABOUT|IN_REGION|PART_OF|BROADER]-(m)
  WHERE NOT m IN level0 AND (size($types) = 0 OR any(l IN labels(m) WHERE l IN $types))
  WITH DISTINCT m ORDER BY m.id
  RETURN collect(m)[0..toInteger($limit) + 1] AS level1
}
CALL (level0, level1) {
  WITH level0, level1 WHERE $depth >= 2 AND size(level0) + size(level1) <= $limit
  UNWIND level1 AS n
  MATCH (n)-[:AUTHORED_BY|COVERS|MENTIONS|ABOUT|IN_REGION|PART_OF|BROADER]-(m)
  WHERE NOT m IN level0 AND NOT m IN level1 AND (size($types) = 0 OR any(l IN labels(m) WHERE l IN $types))
  WITH DISTINCT m ORDER BY m.id
  RETURN collect(m)[0..toInteger($limit) + 1] AS level2
}
WITH level0, level1, level2, size(level0) + size(level1) + size(level2) AS before
CALL (level1, level2, before) {
  WITH level1, level2 WHERE $depth >= 3 AND before <= $limit
  UNWIND level2 AS n
  MATCH (n)-[:AUTHORED_BY|COVERS|MENTIONS|ABOUT|IN_REGION|PART_OF|BROADER]-(m)
  WHERE NOT m IN level1 AND NOT m IN level2 AND (size($types) = 0 OR any(l IN labels(m) WHERE l IN $types))
  WITH DISTINCT m ORDER BY m.id
  RETURN collect(m)[0..toInteger($limit) + 1] AS level3
}
WITH level0 + level1 + level2 + level3 AS found,
  [size(level0), size(level0) + size(level1), size(level0) + size(level1) + size(level2)] AS ends
WITH found[0..toInteger($limit)] AS kept, size(found) > $limit AS truncated, ends
CALL (kept, ends) {
  UNWIND range(0, size(kept) - 1) AS i
  WITH kept[i] AS n, CASE WHEN i < ends[0] THEN 0 WHEN i < ends[1] THEN 1 WHEN i < ends[2] THEN 2 ELSE 3 END AS distance
  RETURN collect({
    type: head([l IN labels(n) WHERE l IN ['Publication', 'Author', 'Country', 'Region', 'Theme']]),
    props: n {.*}, degree: COUNT { (n)-[:AUTHORED_BY|COVERS|MENTIONS|ABOUT|IN_REGION|PART_OF|BROADER]-() }, distance: distance
  }) AS nodes
}
CALL (kept) {
  // Outgoing only, so each relationship is seen once; hubs (World, big themes) are mostly targets.
  UNWIND kept AS a
  MATCH (a)-[r:AUTHORED_BY|COVERS|MENTIONS|ABOUT|IN_REGION|PART_OF|BROADER]->(b)
  WHERE b IN kept
  WITH a.id + '|' + type(r) + '|' + b.id AS id, a.id AS source, b.id AS target, type(r) AS type,
    CASE type(r) WHEN 'ABOUT' THEN r.score ELSE 1 END AS weight
  ORDER BY id
  RETURN collect({id: id, source: source, target: target, type: type, weight: weight}) AS edges
}
RETURN nodes, edges, truncated
