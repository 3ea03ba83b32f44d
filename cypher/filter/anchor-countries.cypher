// Anchor: the publications covering any of the countries. $countries: [string] ids.
// COVERS only ever leaves a publication (create- and update-publications.cypher are its only
// writers), so `p` needs no label test; and no relationship type is tested per row: with
// includeMentions the composer takes anchor-countries-mentions.cypher instead.
MATCH (c:Country) WHERE c.id IN $countries
MATCH (c)<-[:COVERS]-(p)
WITH DISTINCT p, 0.0 AS score
