// Writes an admin's theme definition (locked and checked by lock-theme): the node with its match
// terms and who defined it, and its one BROADER link. Imports leave such a theme alone.
// $theme: {id, slug, name, description, searchKey, terms, exactTerms}, $broader: string | null, $by, $at
MERGE (t:Theme {id: $theme.id})
SET t.slug = $theme.slug, t.name = $theme.name, t.description = $theme.description, t.searchKey = $theme.searchKey,
    t.terms = $theme.terms, t.exactTerms = $theme.exactTerms, t.definedBy = $by, t.definedAt = $at
WITH t
CALL (t) {
  MATCH (t)-[old:BROADER]->()
  DELETE old
}
CALL (t) {
  MATCH (b:Theme {id: $broader})
  MERGE (t)-[:BROADER]->(b)
}
RETURN t {.id, .slug, .name, .description} AS theme
