// Creates authors by id (a normalised name); the first spelling seen is kept as the name, and
// searchKey (its folded form, for `suggest`) always matches the stored name: it is set on create,
// or filled in later only by a row with that same spelling (graphs imported before it existed).
// $rows: [{id, name, searchKey}]
UNWIND $rows AS row
MERGE (a:Author {id: row.id})
ON CREATE SET a.name = row.name, a.searchKey = row.searchKey
ON MATCH SET a.searchKey = CASE WHEN a.name = row.name THEN row.searchKey ELSE a.searchKey END
RETURN count(a) AS n
