// Returns each publication's themes with the link's score and evidence, by score desc then theme id.
// $ids: [string] publication ids
UNWIND $ids AS id
MATCH (p:Publication {id: id})
RETURN id, COLLECT {
  MATCH (p)-[r:ABOUT]->(t:Theme)
  RETURN {theme: t {.*}, score: r.score, evidence: r.evidence} ORDER BY r.score DESC, t.id
} AS items
