// Returns each region's direct sub-regions (custom regions PART_OF it included), by name (case ignored), then id.
// $ids: [string] region ids
UNWIND $ids AS id
MATCH (r:Region {id: id})
RETURN id, COLLECT { MATCH (r)<-[:PART_OF]-(c:Region) RETURN c {.*} ORDER BY toLower(c.name), c.id } AS items
