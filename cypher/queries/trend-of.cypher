// Returns, per anchor, its publications per year, by year ascending; publications without a year are left out.
// $anchors: [{id, kind}] — kind is the id's prefix: Theme, Country, Region or Author
// $includeMentions: boolean — country anchors also count publications that only mention the country
UNWIND $anchors AS anchor
// anchor:begin — identical in publications-of, theme-counts-of and trend-of (a test checks it)
// Each branch runs only for its kind, so every anchor costs one id-index seek.
CALL (anchor) {
  WITH anchor WHERE anchor.kind = 'Theme'
  MATCH (:Theme {id: anchor.id})<-[:ABOUT]-(p:Publication)
  RETURN p
  UNION
  WITH anchor WHERE anchor.kind = 'Country'
  MATCH (:Country {id: anchor.id})<-[r:COVERS|MENTIONS]-(p:Publication)
  WHERE type(r) = 'COVERS' OR $includeMentions
  RETURN p
  UNION
  // The region and everything below it: sub-regions via PART_OF, their countries via IN_REGION.
  WITH anchor WHERE anchor.kind = 'Region'
  MATCH (:Region {id: anchor.id})<-[:IN_REGION|PART_OF*0..7]-()<-[:COVERS]-(p:Publication)
  RETURN p
  UNION
  WITH anchor WHERE anchor.kind = 'Author'
  MATCH (:Author {id: anchor.id})<-[:AUTHORED_BY]-(p:Publication)
  RETURN p
}
// anchor:end
WITH anchor.id AS id, collect(p) AS publications
RETURN id, COLLECT {
  UNWIND publications AS p
  WITH p.year AS year WHERE year IS NOT NULL
  WITH year, count(*) AS n
  RETURN {year: year, count: n} ORDER BY year
} AS items
