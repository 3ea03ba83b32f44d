// Returns the graph version, then every country, region and theme, and the place tree between them
// (IN_REGION, PART_OF): the reference data each import writes whole (a few hundred nodes), which the
// adapter keeps in memory for a short while so that lookups by id and region chains need no round
// trip. The version comes first: a write that commits while this statement runs can only make the
// rows newer than the version returned (the next check then reloads them), never older.
MATCH (v:GraphVersion) WITH sum(v.version) AS version RETURN 'GraphVersion' AS type, {version: version} AS props
UNION ALL
MATCH (n:Country) RETURN 'Country' AS type, n {.*} AS props
UNION ALL
MATCH (n:Region) RETURN 'Region' AS type, n {.*} AS props
UNION ALL
MATCH (n:Theme) RETURN 'Theme' AS type, n {.*} AS props
UNION ALL
MATCH (c)-[:IN_REGION|PART_OF]->(r:Region) RETURN 'PlaceParent' AS type, {child: c.id, parent: r.id} AS props
