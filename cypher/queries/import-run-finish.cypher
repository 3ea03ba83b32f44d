// Ends a batched import run: deletes the authors its rewrites left without publications, and marks it COMPLETE.
// $id: string; $at: string
MATCH (r:ImportRun {id: $id})
CALL (r) {
  UNWIND r.orphans AS id
  MATCH (a:Author {id: id})
  WHERE NOT (a)<-[:AUTHORED_BY]-()
  DELETE a
  RETURN count(a) AS deleted
}
SET r.status = 'COMPLETE', r.finishedAt = $at, r.updatedAt = $at, r.orphans = []
RETURN r {.*} AS run
