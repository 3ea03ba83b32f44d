// Marks a key revoked at $at; returns a row only when it existed and was not revoked already.
// $name: the key's name; $at: ISO-8601 instant
MATCH (k:ApiKey {name: $name})
WHERE k.revokedAt IS NULL
SET k.revokedAt = $at
RETURN k.name AS name
