// Anchor: the publications covering anything below any of the regions (the region itself, its
// sub-regions via PART_OF, their countries via IN_REGION). $regions: [string] ids.
MATCH (r:Region) WHERE r.id IN $regions
MATCH (r)<-[:IN_REGION|PART_OF*0..7]-(x)
WITH DISTINCT x
MATCH (x)<-[:COVERS]-(p:Publication)
WITH DISTINCT p, 0.0 AS score
