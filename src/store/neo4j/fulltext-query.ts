/**
 * Turns a user's words into a Lucene query for the fulltext indexes. Each word becomes a quoted
 * phrase, so no character of it is Lucene syntax ("MS-13", "COVID-19", "C++", "AND"), and the
 * analyzer still splits it the way it split the indexed text ("MS-13" must have "ms" then "13").
 * The words are joined with AND: every word must match.
 */

/** Returns the Lucene query for free text, or null when it holds no letter or digit to search for. */
export function toFulltextQuery(text: string | null | undefined): string | null {
  const words = (text ?? '').split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) return null;
  return words.map((word) => `"${word.replace(/["\\]/g, '\\$&')}"`).join(' AND ');
}
