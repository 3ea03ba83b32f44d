// Returns, per anchor, its publications per year, by year ascending; publications without a year are left out.
// $anchors: [{id, kind}] — all of one kind (the id's prefix: Theme, Country, Region or Author);
//   with includeMentions, country anchors also count publications that only mention the country
UNWIND $anchors AS anchor
// anchor:begin — filled per anchor kind from cypher/anchor/*.cypher (src/store/neo4j/anchor-composer.ts):
// rows `anchor, p`, each of the anchor's publications once, found from one id-index seek.
// anchor:end
WITH anchor.id AS id, collect(p) AS publications
RETURN id, COLLECT {
  UNWIND publications AS p
  WITH p.year AS year WHERE year IS NOT NULL
  WITH year, count(*) AS n
  RETURN {year: year, count: n} ORDER BY year
} AS items
