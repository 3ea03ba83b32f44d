// Writes publications that are already in the graph (their old links cleared just before by
// clear-publication-links) and creates their links, respecting curation: the publication's write
// lock is taken before anything is read (a curator's concurrent edit is either seen or waits),
// its curated fields (p.curated) keep their value, its version goes up by 1, and for each decided
// pair (DECIDED) the tagger's new judgement (or its absence) is stored on the decision while the
// ABOUT link follows the decision: none when REJECTED, one when CONFIRMED (the tagger's new score
// and evidence, else 1 and []). Links to a node that does not exist, or has another label, are
// skipped. Returns how many links were created, and per row the id with title, abstract and year
// before and after (for the IMPORT_UPDATE change records).
// $rows: as create-publications.cypher
UNWIND $rows AS row
MERGE (p:Publication {id: row.id})
SET p._lock = true
REMOVE p._lock
WITH p, row
WITH p, row, coalesce(p.curated, []) AS curated, {title: p.title, abstract: p.abstract, year: p.year} AS before
SET p.title = CASE WHEN 'title' IN curated THEN p.title ELSE row.title END,
    p.searchKey = CASE WHEN 'title' IN curated THEN p.searchKey ELSE row.searchKey END,
    p.abstract = CASE WHEN 'abstract' IN curated THEN p.abstract ELSE row.abstract END,
    p.year = CASE WHEN 'year' IN curated THEN p.year ELSE row.year END,
    p.scope = row.scope, p.sourceCategory = row.sourceCategory, p.language = row.language, p.contentHash = row.contentHash,
    p.version = coalesce(p.version, 1) + 1
WITH p, row, before
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
  // Undecided pairs: the tagger's links.
  UNWIND row.themes AS link
  MATCH (t:Theme {id: link[0]})
  WHERE NOT EXISTS { (p)-[:DECIDED]->(t) }
  CREATE (p)-[:ABOUT {score: link[1], evidence: link[2], by: $by, at: $at}]->(t)
  RETURN count(*) AS about
}
CALL (p, row) {
  // Decided pairs: the decision keeps the tagger's judgement; the link follows the decision.
  MATCH (p)-[d:DECIDED]->(t:Theme)
  WITH p, d, t, [link IN row.themes WHERE link[0] = t.id][0] AS link
  SET d.taggerScore = link[1], d.taggerEvidence = link[2]
  WITH p, d, t, link WHERE d.decision = 'CONFIRMED'
  CREATE (p)-[:ABOUT {score: coalesce(link[1], 1), evidence: coalesce(link[2], []), by: $by, at: $at}]->(t)
  RETURN count(*) AS confirmed
}
RETURN sum(authored + coversCountries + coversRegions + mentioned + about + confirmed) AS n,
  collect({id: p.id, before: before, after: {title: p.title, abstract: p.abstract, year: p.year}}) AS written
