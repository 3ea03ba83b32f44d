// Frees a running claim whose answer is not kept.
// $id: string
MATCH (k:IdempotencyKey {id: $id})
WHERE k.state = 'running'
DELETE k
