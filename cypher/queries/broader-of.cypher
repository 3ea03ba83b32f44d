// Returns each theme's direct broader themes, by name (case ignored), then id.
// $ids: [string] theme ids
UNWIND $ids AS id
MATCH (t:Theme {id: id})
RETURN id, COLLECT { MATCH (t)-[:BROADER]->(b:Theme) RETURN b {.*} ORDER BY toLower(b.name), b.id } AS items
