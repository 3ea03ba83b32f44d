// Upserts Theme nodes of the taxonomy, with searchKey (the folded name `suggest` matches). A
// theme an admin defined (upsertTheme sets definedBy) keeps its node as the admin wrote it.
// $rows: [{id, slug, name, description, searchKey}]
UNWIND $rows AS row
MERGE (t:Theme {id: row.id})
WITH t, row WHERE t.definedBy IS NULL
SET t.slug = row.slug, t.name = row.name, t.description = row.description, t.searchKey = row.searchKey
RETURN count(t) AS n
