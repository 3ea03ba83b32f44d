// Returns every API key by name (case ignored, then as written), at most $max.
// $max: the most keys returned
MATCH (k:ApiKey)
RETURN k {.*} AS props ORDER BY toLower(k.name), k.name LIMIT toInteger($max)
