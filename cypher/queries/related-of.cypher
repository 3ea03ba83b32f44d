// Returns, per publication, the others sharing a theme (ABOUT the same theme, 1 point each) or a
// covered place (COVERS the same country or region, 0.5 each), by score desc, year desc (no year
// last), id asc, with what they share sorted by id.
// $ids: [string] publication ids
// $first: number — related publications per publication
UNWIND $ids AS id
MATCH (p:Publication {id: id})
RETURN id, COLLECT {
  // Score every candidate from bare counts first, so only the top $first get their shared nodes
  // projected: hubs like Region:world make almost every publication a candidate.
  CALL (p) {
    MATCH (p)-[:ABOUT]->(:Theme)<-[:ABOUT]-(o:Publication) WHERE o <> p RETURN o, 1.0 AS points
    UNION ALL
    MATCH (p)-[:COVERS]->()<-[:COVERS]-(o:Publication) WHERE o <> p RETURN o, 0.5 AS points
  }
  WITH o, sum(points) AS score
  ORDER BY score DESC, coalesce(o.year, -2147483648) DESC, o.id
  LIMIT toInteger($first)
  RETURN {
    publication: o {.*},
    score: score,
    themes: COLLECT { MATCH (p)-[:ABOUT]->(t:Theme)<-[:ABOUT]-(o) RETURN t {.*} ORDER BY t.id },
    places: COLLECT {
      MATCH (p)-[:COVERS]->(x)<-[:COVERS]-(o)
      RETURN {type: CASE WHEN x:Country THEN 'Country' ELSE 'Region' END, props: x {.*}} ORDER BY x.id
    }
  } ORDER BY score DESC, coalesce(o.year, -2147483648) DESC, o.id
} AS items
