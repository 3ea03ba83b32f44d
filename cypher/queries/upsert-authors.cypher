// Creates authors by id (a normalised name); the first spelling seen is kept as the name.
// $rows: [{id, name}]
UNWIND $rows AS row
MERGE (a:Author {id: row.id})
ON CREATE SET a.name = row.name
RETURN count(a) AS n
