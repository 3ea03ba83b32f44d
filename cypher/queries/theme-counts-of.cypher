// Returns, per anchor, the themes its publications are ABOUT with how many of them, by count desc then id.
// $anchors: [{id, kind}] — kind is the id's prefix: Theme, Country, Region or Author
// $includeMentions: boolean — country anchors also count publications that only mention the country
UNWIND $anchors AS anchor
// The UNION makes each anchor's publications distinct and ABOUT is unique per pair, so count(*)
// counts publications; ABOUT only ever ends at a Theme, so no label test per row. Counting
// inside the anchor's own subquery streams the publications (no list of them is built).
CALL (anchor) {
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
  MATCH (p)-[:ABOUT]->(t)
  WITH t, count(*) AS n
  ORDER BY n DESC, t.id
  RETURN collect({node: t {.*}, count: n}) AS items
}
RETURN anchor.id AS id, items
