// Anchor part (rows `anchor, p` for the theme anchors): a theme's publications. ABOUT is unique
// per pair, so each publication comes once and no DISTINCT is needed.
WITH anchor WHERE anchor.kind = 'Theme'
MATCH (:Theme {id: anchor.id})<-[:ABOUT]-(p:Publication)
