// Anchor: the publications of any of the authors. $authors: [string] ids.
MATCH (a:Author) WHERE a.id IN $authors
MATCH (a)<-[:AUTHORED_BY]-(p:Publication)
WITH DISTINCT p, 0.0 AS score
