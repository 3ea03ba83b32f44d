// Returns each region's parent regions (PART_OF), by id.
// $ids: [string] region ids
UNWIND $ids AS id
MATCH (r:Region {id: id})
RETURN id, COLLECT { MATCH (r)-[:PART_OF]->(q:Region) RETURN q {.*} ORDER BY q.id } AS items
