// Links publications to the regions their source lists.
// $rows: [{publication, target}]
UNWIND $rows AS row
MATCH (p:Publication {id: row.publication})
MATCH (r:Region {id: row.target})
CREATE (p)-[:COVERS]->(r)
RETURN count(*) AS n
