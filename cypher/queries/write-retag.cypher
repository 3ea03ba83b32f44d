// Writes a retag's pairs (planned by store/retag-plan.ts): each pair's effective ABOUT link when
// it changed, and a decided pair's tagger judgement; then adds 1 to the version of each
// publication whose links changed.
// $rows: [{publicationId, themeId, changed, link: {score, evidence} | null, decided, taggerScore, taggerEvidence}]
// $bumped: [publication ids]; $by, $at: who retags, and when
CALL () {
  UNWIND $rows AS row
  MATCH (p:Publication {id: row.publicationId})
  MATCH (t:Theme {id: row.themeId})
  CALL (p, t, row) {
    WITH * WHERE row.changed
    OPTIONAL MATCH (p)-[old:ABOUT]->(t)
    DELETE old
  }
  CALL (p, t, row) {
    WITH * WHERE row.changed AND row.link IS NOT NULL
    CREATE (p)-[:ABOUT {score: row.link.score, evidence: row.link.evidence, by: $by, at: $at}]->(t)
  }
  CALL (p, t, row) {
    WITH * WHERE row.decided
    MATCH (p)-[d:DECIDED]->(t)
    SET d.taggerScore = row.taggerScore, d.taggerEvidence = row.taggerEvidence
  }
}
CALL () {
  UNWIND $bumped AS id
  MATCH (p:Publication {id: id})
  SET p.version = coalesce(p.version, 1) + 1
}
RETURN size($rows) AS n
