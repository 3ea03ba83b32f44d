// Counts, without writing, the links an import of these changed records would create and remove
// (what create-publications, update-publications and clear-publication-links would report): every
// author link (upsert-authors creates the authors first); a place or theme link when its target is
// among the reference data the import writes or already in the graph with its label; for a stored
// publication, its undecided theme links, one link per CONFIRMED decision and none per REJECTED
// one, and its current links removed.
// $rows: as create-publications.cypher (authors, countries, regions, mentions, themes)
// $countries, $regions, $themes: [string] the ids the import's reference data writes
UNWIND $rows AS row
OPTIONAL MATCH (p:Publication {id: row.id})
WITH row, p,
  size([id IN row.countries WHERE id IN $countries OR EXISTS { MATCH (:Country {id: id}) }])
  + size([id IN row.regions WHERE id IN $regions OR EXISTS { MATCH (:Region {id: id}) }])
  + size([id IN row.mentions WHERE id IN $countries OR EXISTS { MATCH (:Country {id: id}) }]) AS places,
  [link IN row.themes WHERE link[0] IN $themes OR EXISTS { MATCH (:Theme {id: link[0]}) }] AS themes
RETURN sum(size(row.authors) + places + CASE WHEN p IS NULL THEN size(themes) ELSE
    size([link IN themes WHERE NOT EXISTS { MATCH (p)-[:DECIDED]->(:Theme {id: link[0]}) }])
    + COUNT { MATCH (p)-[d:DECIDED]->(:Theme) WHERE d.decision = 'CONFIRMED' } END) AS written,
  sum(CASE WHEN p IS NULL THEN 0 ELSE COUNT { MATCH (p)-[:AUTHORED_BY|COVERS|MENTIONS|ABOUT]->() } END) AS deleted
