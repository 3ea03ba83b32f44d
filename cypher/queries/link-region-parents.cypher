// Links each region to its parent area (M49 tree, or the areas a custom region overlaps).
// $rows: [{child, parent}] region ids
UNWIND $rows AS row
MATCH (c:Region {id: row.child})
MATCH (p:Region {id: row.parent})
MERGE (c)-[:PART_OF]->(p)
RETURN count(*) AS n
