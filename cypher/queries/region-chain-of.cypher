// Returns each country's or region's enclosing M49 areas (custom regions skipped), innermost level
// first (INTERMEDIATE, SUBREGION, REGION, WORLD), ties by id; a custom region gets the union of
// the chains of the areas it is PART_OF.
// $nodes: [{id, kind}] — kind is Country or Region (the id's prefix)
UNWIND $nodes AS node
CALL (node) {
  WITH node WHERE node.kind = 'Country'
  MATCH (n:Country {id: node.id}) RETURN n
  UNION
  WITH node WHERE node.kind = 'Region'
  MATCH (n:Region {id: node.id}) RETURN n
}
RETURN node.id AS id, COLLECT {
  MATCH (n)-[:IN_REGION|PART_OF*1..7]->(r:Region)
  WHERE r.level <> 'CUSTOM'
  WITH DISTINCT r
  RETURN r {.*}
  ORDER BY CASE r.level WHEN 'INTERMEDIATE' THEN 0 WHEN 'SUBREGION' THEN 1 WHEN 'REGION' THEN 2 ELSE 3 END, r.id
} AS items
