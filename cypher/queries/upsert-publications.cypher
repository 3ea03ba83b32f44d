// Creates or updates publications with their properties, content hash and searchKey (the folded
// title `suggest` matches).
// $rows: [{id, title, abstract, year, scope, sourceCategory, contentHash, searchKey}]
UNWIND $rows AS row
MERGE (p:Publication {id: row.id})
SET p.title = row.title, p.abstract = row.abstract, p.year = row.year, p.scope = row.scope,
    p.sourceCategory = row.sourceCategory, p.contentHash = row.contentHash, p.searchKey = row.searchKey
RETURN count(p) AS n
