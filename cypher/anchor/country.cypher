// Anchor part (rows `anchor, p` for the country anchors): the publications covering a country.
// COVERS is unique per pair, so each publication comes once and no DISTINCT is needed.
WITH anchor WHERE anchor.kind = 'Country'
MATCH (:Country {id: anchor.id})<-[:COVERS]-(p:Publication)
