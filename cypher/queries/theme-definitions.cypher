// Returns the themes an admin defined (upsertTheme), by id, with their broader theme and terms.
MATCH (t:Theme)
WHERE t.definedBy IS NOT NULL
OPTIONAL MATCH (t)-[:BROADER]->(b:Theme)
WITH t, min(b.id) AS broader
RETURN t.id AS id, t.slug AS slug, t.name AS name, t.description AS description, broader,
  coalesce(t.terms, []) AS terms, coalesce(t.exactTerms, []) AS exactTerms
ORDER BY id
