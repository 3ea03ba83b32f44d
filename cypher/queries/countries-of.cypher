// Returns each region's countries by name (case ignored), then id: those IN_REGION it, or with $recursive those
// IN_REGION any region below it too.
// $ids: [string] region ids
// $recursive: boolean
UNWIND $ids AS id
MATCH (r:Region {id: id})
RETURN id, COLLECT {
  CALL (r) {
    WITH r WHERE NOT $recursive
    MATCH (r)<-[:IN_REGION]-(c:Country) RETURN c
    UNION
    WITH r WHERE $recursive
    MATCH (r)<-[:PART_OF*0..6]-(:Region)<-[:IN_REGION]-(c:Country) RETURN c
  }
  RETURN c {.*} ORDER BY toLower(c.name), c.id
} AS items
