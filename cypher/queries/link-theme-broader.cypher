// Links each theme to its broader theme.
// $rows: [{narrower, broader}] theme ids
UNWIND $rows AS row
MATCH (n:Theme {id: row.narrower})
MATCH (b:Theme {id: row.broader})
MERGE (n)-[:BROADER]->(b)
RETURN count(*) AS n
