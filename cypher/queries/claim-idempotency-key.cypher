// Claims an idempotency key: MERGE on the unique id, so of two claims at once one creates the
// record and the other reads it. A new record, an expired one, or a running one whose lease ran
// out (its process died) is taken: reset to running with a new lease. Returns whether it was
// taken and the record as it now is.
// $id: string, $fingerprint: string, $now: integer (epoch ms), $lease: integer (epoch ms)
MERGE (k:IdempotencyKey {id: $id})
ON CREATE SET k.until = -1
WITH k, k.until <= $now AS take
CALL (k, take) {
  WITH * WHERE take
  SET k.fingerprint = $fingerprint, k.state = 'running', k.until = $lease, k.status = null, k.contentType = null, k.body = null
}
RETURN take, k.state AS state, k.fingerprint AS fingerprint, k.status AS status, k.contentType AS contentType, k.body AS body
