// Whether mergeAuthors ever made an alias (answered from the label count, without a scan): an
// import without any skips looking its authors up.
MATCH (alias:AuthorAlias)
RETURN count(alias) > 0 AS any
