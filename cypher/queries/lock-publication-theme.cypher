// Takes the write locks of a theme and a publication, the theme first (the order an import takes
// them in: it writes every theme before any publication, so the two never wait on each other in a
// cycle), and returns what a decision on the pair depends on, read after the locks: whether each
// node exists, the publication, the pair's decision and its ABOUT link (null when absent). A node
// that does not exist takes no lock (SET and REMOVE on null do nothing).
// $publicationId: string
// $themeId: string
OPTIONAL MATCH (t:Theme {id: $themeId})
OPTIONAL MATCH (p:Publication {id: $publicationId})
SET t._lock = true
SET p._lock = true
REMOVE t._lock, p._lock
WITH p, t
OPTIONAL MATCH (p)-[d:DECIDED]->(t)
OPTIONAL MATCH (p)-[a:ABOUT]->(t)
RETURN p IS NOT NULL AS publicationFound, t IS NOT NULL AS themeFound, p {.*} AS props,
  d {.*} AS decision, a {.score, .evidence} AS link
