// Anchor part (rows `anchor, p` for the country anchors, with includeMentions): the publications
// covering or mentioning a country, each once.
WITH anchor WHERE anchor.kind = 'Country'
CALL (anchor) {
  MATCH (:Country {id: anchor.id})<-[:COVERS|MENTIONS]-(p:Publication)
  RETURN DISTINCT p
}
