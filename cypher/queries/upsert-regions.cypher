// Upserts Region nodes of the M49 tree and custom regions, with searchKey (the folded name `suggest` matches).
// $rows: [{id, name, m49, level, searchKey}]
UNWIND $rows AS row
MERGE (r:Region {id: row.id})
SET r.name = row.name, r.m49 = row.m49, r.level = row.level, r.searchKey = row.searchKey
RETURN count(r) AS n
