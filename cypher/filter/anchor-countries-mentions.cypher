// Anchor (with includeMentions): the publications covering or mentioning any of the countries.
// $countries: [string] ids. COVERS and MENTIONS only ever leave a publication, so `p` needs no label test.
MATCH (c:Country) WHERE c.id IN $countries
MATCH (c)<-[:COVERS|MENTIONS]-(p)
WITH DISTINCT p, 0.0 AS score
