// Removes the outgoing links of publications about to be rewritten; returns the authors they pointed to.
// $ids: [string] publication ids
UNWIND $ids AS id
MATCH (:Publication {id: id})-[r:AUTHORED_BY|COVERS|MENTIONS|ABOUT]->(x)
WITH r, CASE WHEN type(r) = 'AUTHORED_BY' THEN x.id END AS authorId
DELETE r
RETURN count(r) AS deleted, collect(DISTINCT authorId) AS authorIds
