// Returns each publication's themes with the link's score, evidence and writer (by, at), and the curator's mark when
// a curator CONFIRMED the pair (null otherwise), by score desc then theme id.
// $ids: [string] publication ids
UNWIND $ids AS id
MATCH (p:Publication {id: id})
RETURN id, COLLECT {
  MATCH (p)-[r:ABOUT]->(t:Theme)
  OPTIONAL MATCH (p)-[d:DECIDED {decision: 'CONFIRMED'}]->(t)
  RETURN {theme: t {.*}, score: r.score, evidence: r.evidence, by: r.by, at: r.at, curator: CASE WHEN d IS NULL THEN null ELSE d {.by, .at, .note} END}
  ORDER BY r.score DESC, t.id
} AS items
