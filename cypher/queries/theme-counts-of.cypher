// Returns, per anchor, the themes its publications are ABOUT with how many of them, by count desc then id.
// $anchors: [{id, kind}] — all of one kind (the id's prefix: Theme, Country, Region or Author);
//   with includeMentions, country anchors also count publications that only mention the country
UNWIND $anchors AS anchor
// The anchor part gives each publication once and ABOUT is unique per pair, so count(*) counts
// publications; ABOUT only ever ends at a Theme, so no label test per row. Counting inside the
// anchor's own subquery streams the publications (no list of them is built).
CALL (anchor) {
  // anchor:begin — filled per anchor kind from cypher/anchor/*.cypher (src/store/neo4j/anchor-composer.ts):
  // rows `anchor, p`, each of the anchor's publications once, found from one id-index seek.
  // anchor:end
  MATCH (p)-[:ABOUT]->(t)
  WITH t, count(*) AS n
  ORDER BY n DESC, t.id
  RETURN collect({node: t {.*}, count: n}) AS items
}
RETURN anchor.id AS id, items
