// Anchor part (rows `anchor, p` for the region anchors): the publications covering a region, one
// of its sub-regions (PART_OF) or one of their countries (IN_REGION), each once.
WITH anchor WHERE anchor.kind = 'Region'
CALL (anchor) {
  MATCH (:Region {id: anchor.id})<-[:IN_REGION|PART_OF*0..7]-()<-[:COVERS]-(p:Publication)
  RETURN DISTINCT p
}
