// Creates publications that are not in the graph yet, each with all its links, in one pass: a new
// node has no links to merge, and its own node is at hand (no lookup by id). Links to a node that
// does not exist, or has another label, are skipped. A new publication is at version 1 and has no
// curation (decisions, curated fields) for the links to respect. Returns how many links were created.
// $by, $at: who writes the links and when (the import's actor)
// $rows: [{id, title, abstract, year, scope, sourceCategory, language, contentHash, searchKey,
//          authors: [[authorId, position]], countries: [countryId], regions: [regionId],
//          mentions: [countryId], themes: [[themeId, score, evidence]]}]
UNWIND $rows AS row
CREATE (p:Publication {id: row.id, title: row.title, abstract: row.abstract, year: row.year, scope: row.scope,
        sourceCategory: row.sourceCategory, language: row.language, contentHash: row.contentHash, searchKey: row.searchKey, version: 1})
// links:begin (update-publications.cypher has the same block, with curation respected for themes)
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
  CREATE (p)-[:ABOUT {score: link[1], evidence: link[2], by: $by, at: $at}]->(t)
  RETURN count(*) AS about
}
RETURN sum(authored + coversCountries + coversRegions + mentioned + about) AS n
// links:end
