// Keeps the first answer of a claimed idempotency key until $until (epoch ms), and deletes up to
// 100 records that expired, so the records never outgrow their time to live.
// $id: string, $status: integer, $contentType: string, $body: string, $until: integer, $now: integer
MATCH (k:IdempotencyKey {id: $id})
SET k.state = 'done', k.status = $status, k.contentType = $contentType, k.body = $body, k.until = $until
WITH count(k) AS kept
CALL () {
  MATCH (old:IdempotencyKey) WHERE old.until < $now
  WITH old LIMIT 100
  DELETE old
}
RETURN kept
