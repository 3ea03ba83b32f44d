// Upserts Country nodes; nameKey is the folded name `findCountry` looks names up by, searchKey
// the folded name `suggest` matches.
// $rows: [{id, iso2, iso3, m49, name, nameKey, searchKey}]
UNWIND $rows AS row
MERGE (c:Country {id: row.id})
SET c.iso2 = row.iso2, c.iso3 = row.iso3, c.m49 = row.m49, c.name = row.name, c.nameKey = row.nameKey,
    c.searchKey = row.searchKey
RETURN count(c) AS n
