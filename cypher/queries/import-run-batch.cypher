// Counts one committed batch into its run, inside the batch's own transaction (so the counts are
// exactly those of the committed batches), and keeps the authors whose links it removed for the
// run's final orphan clean-up. Matches nothing when another process has committed this batch
// already (the caller then rolls the batch back).
// $id: string; $batch: integer (the batch's index); $processed, $created, $updated, $unchanged,
// $withheld, $relationshipsWritten, $relationshipsDeleted: integer; $orphans: [string]; $at: string
MATCH (r:ImportRun {id: $id})
WHERE r.batchesCommitted = $batch AND r.status = 'INCOMPLETE'
SET r.batchesCommitted = $batch + 1, r.processed = r.processed + $processed,
  r.created = r.created + $created, r.updated = r.updated + $updated, r.unchanged = r.unchanged + $unchanged,
  r.withheld = r.withheld + $withheld, r.relationshipsWritten = r.relationshipsWritten + $relationshipsWritten,
  r.relationshipsDeleted = r.relationshipsDeleted + $relationshipsDeleted,
  r.orphans = r.orphans + [id IN $orphans WHERE NOT id IN r.orphans], r.updatedAt = $at
RETURN count(r) AS n
