// Keeps publications covering or mentioning any of the countries (with includeMentions).
AND EXISTS { (p)-[:COVERS|MENTIONS]->(c:Country) WHERE c.id IN $countries }
