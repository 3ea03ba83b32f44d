// Creates or updates publications with their properties and content hash.
// $rows: [{id, title, abstract, year, scope, sourceCategory, contentHash}]
UNWIND $rows AS row
MERGE (p:Publication {id: row.id})
SET p.title = row.title, p.abstract = row.abstract, p.year = row.year, p.scope = row.scope,
    p.sourceCategory = row.sourceCategory, p.contentHash = row.contentHash
RETURN count(p) AS n
