// Upserts Country nodes.
// $rows: [{id, iso2, iso3, m49, name}]
UNWIND $rows AS row
MERGE (c:Country {id: row.id})
SET c.iso2 = row.iso2, c.iso3 = row.iso3, c.m49 = row.m49, c.name = row.name
RETURN count(c) AS n
