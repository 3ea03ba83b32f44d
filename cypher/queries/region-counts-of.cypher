// Returns each theme's regions with how many of the theme's publications (ABOUT it directly) cover
// the region or anything below it, by count desc then id.
// $ids: [string] theme ids
UNWIND $ids AS id
MATCH (t:Theme {id: id})
RETURN id, COLLECT {
  MATCH (t)<-[:ABOUT]-(p:Publication)-[:COVERS]->()-[:IN_REGION|PART_OF*0..7]->(r:Region)
  WITH r, count(DISTINCT p) AS n
  RETURN {node: r {.*}, count: n} ORDER BY n DESC, r.id
} AS items
