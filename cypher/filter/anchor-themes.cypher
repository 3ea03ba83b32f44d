// Anchor: the publications about any of the themes or a narrower theme. $themes: [string] ids.
MATCH (t:Theme) WHERE t.id IN $themes
MATCH (t)<-[:BROADER*0..5]-(n:Theme)
WITH DISTINCT n
MATCH (n)<-[:ABOUT]-(p:Publication)
WITH DISTINCT p, 0.0 AS score
