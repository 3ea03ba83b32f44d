// Links each country to its most specific M49 area.
// $rows: [{country, region}] ids
UNWIND $rows AS row
MATCH (c:Country {id: row.country})
MATCH (r:Region {id: row.region})
MERGE (c)-[:IN_REGION]->(r)
RETURN count(*) AS n
