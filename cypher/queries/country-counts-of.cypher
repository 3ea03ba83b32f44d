// Returns each theme's countries with how many of the theme's publications (ABOUT it directly)
// cover them, or also mention them, by count desc then id.
// $ids: [string] theme ids
// $includeMentions: boolean
UNWIND $ids AS id
MATCH (t:Theme {id: id})
RETURN id, COLLECT {
  MATCH (t)<-[:ABOUT]-(p:Publication)-[r:COVERS|MENTIONS]->(c:Country)
  WHERE type(r) = 'COVERS' OR $includeMentions
  WITH c, count(DISTINCT p) AS n
  RETURN {node: c {.*}, count: n} ORDER BY n DESC, c.id
} AS items
