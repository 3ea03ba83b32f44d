// Deletes authors who no longer author any publication (after an edit removed them).
// $ids: [string] author ids to check
UNWIND $ids AS id
MATCH (a:Author {id: id})
WHERE NOT (a)<-[:AUTHORED_BY]-()
DELETE a
RETURN count(a) AS n
