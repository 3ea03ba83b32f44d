// Upserts Country nodes; nameKey is the folded name `findCountry` looks names up by.
// $rows: [{id, iso2, iso3, m49, name, nameKey}]
UNWIND $rows AS row
MERGE (c:Country {id: row.id})
SET c.iso2 = row.iso2, c.iso3 = row.iso3, c.m49 = row.m49, c.name = row.name, c.nameKey = row.nameKey
RETURN count(c) AS n
