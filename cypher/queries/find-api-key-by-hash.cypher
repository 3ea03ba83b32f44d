// Returns the API key with this hash, revoked and expired ones too (at most one: hash is unique).
// $hash: SHA-256 of the key, lowercase hex
MATCH (k:ApiKey {hash: $hash})
RETURN k {.*} AS props
