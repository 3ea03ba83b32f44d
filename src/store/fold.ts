/**
 * The folding both stores apply to country names (`findCountry`) and to labels (`suggest`). The
 * store keeps its own copy rather than importing the importer's text.normalize (the layer rules
 * keep src/store free of src/ingest); it only needs to be stable, since it folds the stored text
 * and the asked text alike.
 */

// Letters NFKD leaves whole (not a base letter plus a combining mark).
const NON_DECOMPOSING: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th', ð: 'd', ı: 'i', ħ: 'h',
};

/** Returns a name's lookup key: accents stripped, lower-cased, only letters and digits kept ("Côte d’Ivoire" → "cotedivoire"). */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđłþðıħ]/g, (ch) => NON_DECOMPOSING[ch] ?? ch)
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Returns the typeahead key of a label: accents stripped, lower-cased, every run of characters
 * other than letters and digits turned into one space, trimmed ("Côte d’Ivoire" → "cote d ivoire").
 * Word boundaries survive as single spaces, so "a later word starts with" is `CONTAINS ' ' + key`.
 */
export function searchKey(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđłþðıħ]/g, (ch) => NON_DECOMPOSING[ch] ?? ch)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
