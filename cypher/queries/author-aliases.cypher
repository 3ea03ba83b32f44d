// Returns, for the author ids an import is about to link, those that mergeAuthors made aliases,
// with the author each is now.
// $ids: [string]
UNWIND $ids AS id
MATCH (alias:AuthorAlias {id: id})
RETURN id, alias.of AS of
