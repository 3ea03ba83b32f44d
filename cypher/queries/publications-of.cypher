// Returns each anchor's publication count and its first publications, newest first (no year last), then id.
// $anchors: [{id, kind}] — all of one kind (the id's prefix: Theme, Country, Region or Author);
//   with includeMentions, country anchors also count publications that only mention the country
// $first: number — publications listed per anchor
UNWIND $anchors AS anchor
// anchor:begin — filled per anchor kind from cypher/anchor/*.cypher (src/store/neo4j/anchor-composer.ts):
// rows `anchor, p`, each of the anchor's publications once, found from one id-index seek.
// anchor:end
WITH anchor.id AS id, collect(p) AS publications
// Cut first, then project: only the kept publications' properties are read (PROFILE: a theme of
// 5,000 publications read all their properties to keep 20; see docs/benchmarks.md).
RETURN id, size(publications) AS totalCount, COLLECT {
  UNWIND publications AS p
  WITH p ORDER BY coalesce(p.year, -2147483648) DESC, p.id LIMIT toInteger($first)
  RETURN p {.*} AS item ORDER BY coalesce(item.year, -2147483648) DESC, item.id
} AS items
