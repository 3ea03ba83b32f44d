// Deletes the change records older than $cutoffMs, then the oldest beyond $maxRecords, at most
// $limit by each rule, so that one write's cost stays bounded; returns how many went. Both rules
// read an index (Change.atMs, Change.seq); the count comes from the count store.
// $cutoffMs: number — records whose atMs is earlier go
// $maxRecords: number — the most records kept
// $limit: number — the most records each rule deletes
CALL () {
  MATCH (c:Change) WHERE c.atMs < $cutoffMs
  WITH c LIMIT toInteger($limit)
  DELETE c
  RETURN count(*) AS expired
}
CALL () {
  WITH toInteger(COUNT { (:Change) } - $maxRecords) AS excess
  WHERE excess > 0
  MATCH (c:Change) WHERE c.seq IS NOT NULL
  WITH excess, c ORDER BY c.seq LIMIT toInteger($limit)
  WITH excess, collect(c) AS oldest
  UNWIND oldest[0..excess] AS c
  DELETE c
  RETURN count(*) AS overflow
}
RETURN expired, overflow
