// Anchor: the publications covering any of the countries (or mentioning them, with $includeMentions).
// $countries: [string] ids.
MATCH (c:Country) WHERE c.id IN $countries
MATCH (c)<-[r:COVERS|MENTIONS]-(p:Publication)
WHERE type(r) = 'COVERS' OR $includeMentions
WITH DISTINCT p, 0.0 AS score
