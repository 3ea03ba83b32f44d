// Every publication–theme pair of the given themes that has an ABOUT link or a curator's
// decision, with both (null when absent), for a retag.
// $themes: [string]
MATCH (p:Publication)-[r:ABOUT|DECIDED]->(t:Theme)
WHERE t.id IN $themes
WITH p, t, collect(r) AS rels
WITH p, t, [r IN rels WHERE type(r) = 'ABOUT'][0] AS a, [r IN rels WHERE type(r) = 'DECIDED'][0] AS d
RETURN p.id AS publicationId, t.id AS themeId, a {.score, .evidence} AS link, d.decision AS decision
