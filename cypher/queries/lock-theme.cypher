// Takes the write lock of a theme and of its new broader theme (those that exist) and returns
// what upsertTheme compares: the theme as stored (null when new), its broader theme now, and
// whether the new broader theme exists. (Ids carry their label, so no other node has a Theme: id.)
// $id: string, $broader: string | null
OPTIONAL MATCH (t:Theme {id: $id})
OPTIONAL MATCH (b:Theme {id: $broader})
SET t._lock = true
SET b._lock = true
REMOVE t._lock, b._lock
WITH t, b
OPTIONAL MATCH (t)-[:BROADER]->(now:Theme)
WITH t, b, min(now.id) AS broaderNow
RETURN t {.id, .slug, .name, .description, .definedBy, .terms, .exactTerms} AS theme, broaderNow, b IS NOT NULL AS broaderFound
