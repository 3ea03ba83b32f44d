// Keeps publications about any of the themes or a narrower one. $themes: [string] ids.
AND EXISTS { (p)-[:ABOUT]->(:Theme)-[:BROADER*0..5]->(t:Theme) WHERE t.id IN $themes }
