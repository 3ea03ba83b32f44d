// Keeps publications covering any of the countries (with includeMentions: where-countries-mentions.cypher).
AND EXISTS { (p)-[:COVERS]->(c:Country) WHERE c.id IN $countries }
