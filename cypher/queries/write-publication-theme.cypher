// Writes (or removes) a curator's decision on a publication–theme pair and sets the pair's
// effective ABOUT link, adds 1 to the publication's version and returns it. Runs after
// lock-publication-theme, in the same transaction. DECIDED is a type no read follows.
// $publicationId: string
// $themeId: string
// $decision: {decision, by, at, note, taggerScore, taggerEvidence} | null — null removes the pair's
//   decision; taggerScore and taggerEvidence are the tagger's judgement (null: it does not link the pair)
// $link: {score, evidence} | null — the pair's ABOUT link; null = none
// $by, $at: who writes the link and when
MATCH (p:Publication {id: $publicationId})
MATCH (t:Theme {id: $themeId})
CALL (p, t) {
  WITH p, t WHERE $decision IS NULL
  MATCH (p)-[d:DECIDED]->(t)
  DELETE d
}
CALL (p, t) {
  WITH p, t WHERE $decision IS NOT NULL
  MERGE (p)-[d:DECIDED]->(t)
  SET d = $decision
}
CALL (p, t) {
  WITH p, t WHERE $link IS NULL
  MATCH (p)-[a:ABOUT]->(t)
  DELETE a
}
CALL (p, t) {
  WITH p, t WHERE $link IS NOT NULL
  MERGE (p)-[a:ABOUT]->(t)
  SET a.score = $link.score, a.evidence = $link.evidence, a.by = $by, a.at = $at
}
SET p.version = coalesce(p.version, 1) + 1
RETURN p {.*} AS props
