// Links publications to countries named only in their text.
// $rows: [{publication, target}]
UNWIND $rows AS row
MATCH (p:Publication {id: row.publication})
MATCH (c:Country {id: row.target})
CREATE (p)-[:MENTIONS]->(c)
RETURN count(*) AS n
