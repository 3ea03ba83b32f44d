// Starts an import run, or resumes the one with this id: one more attempt, counts kept.
// $id, $key: string; $fileNames, $fileHashes: [string]; $batchSize, $total: integer; $atomic: boolean; $at: string
MERGE (r:ImportRun {id: $id})
ON CREATE SET r.key = $key, r.status = 'INCOMPLETE', r.atomic = $atomic, r.fileNames = $fileNames, r.fileHashes = $fileHashes,
  r.batchSize = $batchSize, r.total = $total, r.processed = 0, r.batchesCommitted = 0, r.attempts = 0,
  r.startedAt = $at, r.updatedAt = $at, r.created = 0, r.updated = 0, r.unchanged = 0, r.withheld = 0,
  r.relationshipsWritten = 0, r.relationshipsDeleted = 0, r.orphans = []
SET r.attempts = r.attempts + 1
RETURN r {.*} AS run
