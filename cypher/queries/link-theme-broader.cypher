// Links each theme to its broader theme, except a theme an admin defined (upsertTheme), whose
// BROADER link is the admin's.
// $rows: [{narrower, broader}] theme ids
UNWIND $rows AS row
MATCH (n:Theme {id: row.narrower})
WHERE n.definedBy IS NULL
MATCH (b:Theme {id: row.broader})
MERGE (n)-[:BROADER]->(b)
RETURN count(*) AS n
