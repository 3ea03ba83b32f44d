/**
 * The folding both stores apply to country names for `findCountry`. The store keeps its own copy
 * rather than importing the importer's text.normalize (the layer rules keep src/store free of
 * src/ingest); it only needs to be stable, since it folds the stored name and the asked name alike.
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
