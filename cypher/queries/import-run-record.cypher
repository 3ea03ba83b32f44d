// Records an atomic import as a COMPLETE run, inside the import's one transaction.
// $id, $key: string; $fileNames, $fileHashes: [string]; $total: integer; $at: string; $counts: the summary's counts
CREATE (r:ImportRun {id: $id, key: $key, status: 'COMPLETE', atomic: true, fileNames: $fileNames, fileHashes: $fileHashes,
  batchSize: $total, total: $total, processed: $total, batchesCommitted: 1, attempts: 1, startedAt: $at, updatedAt: $at, finishedAt: $at,
  created: $counts.created, updated: $counts.updated, unchanged: $counts.unchanged, withheld: $counts.withheld,
  relationshipsWritten: $counts.relationshipsWritten, relationshipsDeleted: $counts.relationshipsDeleted, orphans: []})
RETURN r {.*} AS run
