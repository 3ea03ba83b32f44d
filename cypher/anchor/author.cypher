// Anchor part (rows `anchor, p` for the author anchors): an author's publications. The importer
// links an author to a publication once (authors are de-duplicated by id), so each comes once.
WITH anchor WHERE anchor.kind = 'Author'
MATCH (:Author {id: anchor.id})<-[:AUTHORED_BY]-(p:Publication)
