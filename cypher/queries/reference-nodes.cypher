// Returns every country, region and theme: the reference data each import writes whole (a few
// hundred nodes), which the adapter keeps in memory for a short while so that lookups by id of
// those nodes need no round trip.
MATCH (n:Country) RETURN 'Country' AS type, n {.*} AS props
UNION ALL
MATCH (n:Region) RETURN 'Region' AS type, n {.*} AS props
UNION ALL
MATCH (n:Theme) RETURN 'Theme' AS type, n {.*} AS props
