// Returns every country, region and theme, and the place tree between them (IN_REGION, PART_OF):
// the reference data each import writes whole (a few hundred nodes), which the adapter keeps in
// memory for a short while so that lookups by id and region chains need no round trip.
MATCH (n:Country) RETURN 'Country' AS type, n {.*} AS props
UNION ALL
MATCH (n:Region) RETURN 'Region' AS type, n {.*} AS props
UNION ALL
MATCH (n:Theme) RETURN 'Theme' AS type, n {.*} AS props
UNION ALL
MATCH (c)-[:IN_REGION|PART_OF]->(r:Region) RETURN 'PlaceParent' AS type, {child: c.id, parent: r.id} AS props
