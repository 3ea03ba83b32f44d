// Adds one API key, unless the store already holds $max keys (then returns no row). The unique
// constraints on name and hash reject a repeat (ConstraintValidationFailed). Null properties
// (expiresAt) are simply not set.
// $name, $role, $hash, $createdAt: strings; $expiresAt: string or null; $max: the most keys kept
MATCH (existing:ApiKey)
WITH count(existing) AS total
WHERE total < $max
CREATE (k:ApiKey {name: $name, role: $role, hash: $hash, createdAt: $createdAt})
SET k.expiresAt = $expiresAt
RETURN total
