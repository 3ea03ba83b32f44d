// Upserts Theme nodes of the taxonomy.
// $rows: [{id, slug, name, description}]
UNWIND $rows AS row
MERGE (t:Theme {id: row.id})
SET t.slug = row.slug, t.name = row.name, t.description = row.description
RETURN count(t) AS n
