// Deletes a publication (locked and checked by lock-publication first) with its relationships and
// decisions, and the authors left without a publication; records its id as deleted, so imports
// leave its source entry out. Its change records (:Change, by publicationId) stay.
// $id: string, $by: string, $at: string
MATCH (p:Publication {id: $id})
OPTIONAL MATCH (p)-[:AUTHORED_BY]->(a:Author)
WITH p, collect(a) AS authors
DETACH DELETE p
WITH authors
CALL (authors) {
  UNWIND authors AS a
  WITH a WHERE NOT (a)<-[:AUTHORED_BY]-()
  DELETE a
  RETURN count(*) AS orphans
}
MERGE (d:DeletedPublication {id: $id})
SET d.by = $by, d.at = $at
RETURN orphans
