// Keeps publications covering (or, with $includeMentions, mentioning) any of the countries.
AND EXISTS { (p)-[r:COVERS|MENTIONS]->(c:Country) WHERE c.id IN $countries AND (type(r) = 'COVERS' OR $includeMentions) }
