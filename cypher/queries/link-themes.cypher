// Links publications to their themes, with the tagger's score and evidence.
// $rows: [{publication, theme, score, evidence}]
UNWIND $rows AS row
MATCH (p:Publication {id: row.publication})
MATCH (t:Theme {id: row.theme})
CREATE (p)-[:ABOUT {score: row.score, evidence: row.evidence}]->(t)
RETURN count(*) AS n
