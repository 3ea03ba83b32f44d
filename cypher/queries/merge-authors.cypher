// Moves the AUTHORED_BY links of the `from` authors to `into` (locked by lock-authors): per
// publication, `into` keeps its own link, or gets one at the first position a merged author held;
// every re-linked publication's version goes up by 1. Then deletes the `from` authors, gives
// `into` its aliases, and records the merged ids (and the ids merged into them before) as aliases
// of `into`. Returns the re-linked publications' ids, sorted.
// $into: string, $from: [string], $aliases: [string]
MATCH (into:Author {id: $into})
CALL (into) {
  MATCH (p:Publication)-[r:AUTHORED_BY]->(a:Author)
  WHERE a.id IN $from
  WITH into, p, min(r.position) AS position, collect(r) AS links
  FOREACH (r IN links | DELETE r)
  WITH into, p, position
  CALL (into, p, position) {
    WITH * WHERE NOT EXISTS { (p)-[:AUTHORED_BY]->(into) }
    CREATE (p)-[:AUTHORED_BY {position: position}]->(into)
  }
  SET p.version = coalesce(p.version, 1) + 1
  RETURN collect(p.id) AS publications
}
CALL () {
  UNWIND $from AS id
  MATCH (a:Author {id: id})
  DETACH DELETE a
}
SET into.aliases = $aliases
WITH into, publications
CALL (into) {
  MATCH (old:AuthorAlias) WHERE old.of IN $from
  SET old.of = into.id
}
CALL (into) {
  UNWIND $from AS id
  MERGE (alias:AuthorAlias {id: id})
  SET alias.of = into.id
}
RETURN publications
