// Returns each anchor's publication count and its first publications, newest first (no year last), then id.
// $anchors: [{id, kind}] — kind is the id's prefix: Theme, Country, Region or Author
// $includeMentions: boolean — country anchors also count publications that only mention the country
// $first: number — publications listed per anchor
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
RETURN id, size(publications) AS totalCount, COLLECT {
  UNWIND publications AS p
  RETURN p {.*} ORDER BY coalesce(p.year, -2147483648) DESC, p.id LIMIT toInteger($first)
} AS items
