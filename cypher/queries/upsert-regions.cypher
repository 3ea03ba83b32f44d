// Upserts Region nodes of the M49 tree and custom regions.
// $rows: [{id, name, m49, level}]
UNWIND $rows AS row
MERGE (r:Region {id: row.id})
SET r.name = row.name, r.m49 = row.m49, r.level = row.level
RETURN count(r) AS n
