// Returns every theme by name (case ignored), then id.
MATCH (t:Theme)
RETURN t {.*} AS props ORDER BY toLower(t.name), t.id
