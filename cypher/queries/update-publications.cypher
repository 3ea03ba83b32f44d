// Writes publications that are already in the graph (their old links cleared just before by
// clear-publication-links) and creates their links. Links to a node that does not exist, or has
// another label, are skipped. Returns how many links were created.
// $rows: as create-publications.cypher
UNWIND $rows AS row
MERGE (p:Publication {id: row.id})
SET p.title = row.title, p.abstract = row.abstract, p.year = row.year, p.scope = row.scope,
    p.sourceCategory = row.sourceCategory, p.contentHash = row.contentHash, p.searchKey = row.searchKey
// links:begin (the same block in create-publications.cypher)
WITH p, row
CALL (p, row) {
  UNWIND row.authors AS link
  MATCH (a:Author {id: link[0]})
  CREATE (p)-[:AUTHORED_BY {position: link[1]}]->(a)
  RETURN count(*) AS authored
}
CALL (p, row) {
  UNWIND row.countries AS id
  MATCH (c:Country {id: id})
  CREATE (p)-[:COVERS]->(c)
  RETURN count(*) AS coversCountries
}
CALL (p, row) {
  UNWIND row.regions AS id
  MATCH (r:Region {id: id})
  CREATE (p)-[:COVERS]->(r)
  RETURN count(*) AS coversRegions
}
CALL (p, row) {
  UNWIND row.mentions AS id
  MATCH (c:Country {id: id})
  CREATE (p)-[:MENTIONS]->(c)
  RETURN count(*) AS mentioned
}
CALL (p, row) {
  UNWIND row.themes AS link
  MATCH (t:Theme {id: link[0]})
  CREATE (p)-[:ABOUT {score: link[1], evidence: link[2]}]->(t)
  RETURN count(*) AS about
}
RETURN sum(authored + coversCountries + coversRegions + mentioned + about) AS n
// links:end
