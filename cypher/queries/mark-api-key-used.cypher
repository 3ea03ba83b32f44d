// Records that a key was used at $at, only when that is later than what is stored: instants
// are toISOString() strings, so their string order is their time order.
// $name: the key's name; $at: ISO-8601 instant
MATCH (k:ApiKey {name: $name})
WHERE k.lastUsedAt IS NULL OR k.lastUsedAt < $at
SET k.lastUsedAt = $at
