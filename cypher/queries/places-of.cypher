// Returns each publication's places by one relationship: countries first, then regions, each by name (case ignored) then id.
// $ids: [string] publication ids
// $relation: 'COVERS' | 'MENTIONS' — compared with type(r), never spliced into the pattern
UNWIND $ids AS id
MATCH (p:Publication {id: id})
RETURN id, COLLECT {
  MATCH (p)-[r:COVERS|MENTIONS]->(x)
  WHERE type(r) = $relation AND (x:Country OR x:Region)
  WITH x, CASE WHEN x:Country THEN 'Country' ELSE 'Region' END AS type
  RETURN {type: type, props: x {.*}} ORDER BY type, toLower(x.name), x.id
} AS items
