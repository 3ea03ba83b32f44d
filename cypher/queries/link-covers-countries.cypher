// Links publications to the countries their source lists.
// $rows: [{publication, target}]
UNWIND $rows AS row
MATCH (p:Publication {id: row.publication})
MATCH (c:Country {id: row.target})
CREATE (p)-[:COVERS]->(c)
RETURN count(*) AS n
