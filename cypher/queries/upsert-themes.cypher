// Upserts Theme nodes of the taxonomy, with searchKey (the folded name `suggest` matches).
// $rows: [{id, slug, name, description, searchKey}]
UNWIND $rows AS row
MERGE (t:Theme {id: row.id})
SET t.slug = row.slug, t.name = row.name, t.description = row.description, t.searchKey = row.searchKey
RETURN count(t) AS n
