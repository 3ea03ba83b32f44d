// Returns each theme's direct narrower themes, by name (case ignored), then id.
// $ids: [string] theme ids
UNWIND $ids AS id
MATCH (t:Theme {id: id})
RETURN id, COLLECT { MATCH (t)<-[:BROADER]-(n:Theme) RETURN n {.*} ORDER BY toLower(n.name), n.id } AS items
