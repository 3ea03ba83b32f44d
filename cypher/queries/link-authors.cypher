// Links publications to their authors in listed order.
// $rows: [{publication, author, position}]
UNWIND $rows AS row
MATCH (p:Publication {id: row.publication})
MATCH (a:Author {id: row.author})
CREATE (p)-[:AUTHORED_BY {position: row.position}]->(a)
RETURN count(*) AS n
