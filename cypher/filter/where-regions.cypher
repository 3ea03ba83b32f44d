// Keeps publications covering anything below any of the regions: IN_REGION only leaves countries
// and PART_OF only joins regions, so one upward walk from the covered place finds both. $regions: [string] ids.
AND EXISTS { (p)-[:COVERS]->()-[:IN_REGION|PART_OF*0..7]->(r:Region) WHERE r.id IN $regions }
