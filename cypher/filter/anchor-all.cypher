// Anchor: every publication (no filter narrows the set).
MATCH (p:Publication)
WITH p, 0.0 AS score
