// Keeps publications by any of the authors. $authors: [string] ids.
AND EXISTS { (p)-[:AUTHORED_BY]->(a:Author) WHERE a.id IN $authors }
