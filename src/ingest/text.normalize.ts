/**
 * Text folding shared by every matcher in the importer, so that "Côte d’Ivoire", "COTE D'IVOIRE"
 * and "cote d'ivoire" compare equal wherever names, labels or terms are looked up.
 */

// Letters NFKD leaves alone (they are not base letter + combining mark), spelled out in ASCII.
const NON_DECOMPOSING: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D',
  ł: 'l', Ł: 'L', þ: 'th', Þ: 'TH', ð: 'd', Ð: 'D', ı: 'i', ħ: 'h', Ħ: 'H',
};

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u02BB\u00B4\u0060]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
const ASCII = /^[\x00-\x7f]*$/;

/** Strips accents and normalises quotes and dashes to ASCII, keeping case and spacing as they are. */
export function foldAccents(s: string): string {
  // Most text is plain ASCII, which folding leaves unchanged; skipping NFKD there is the hot path of imports.
  if (ASCII.test(s)) return s;
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßẞæÆœŒøØđĐłŁþÞðÐıħĦ]/g, (ch) => NON_DECOMPOSING[ch] ?? ch)
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-');
}

/** Folds text for comparison: accents stripped, ASCII quotes, lower-case, whitespace collapsed, trimmed. */
export function foldText(s: string): string {
  return foldAccents(s).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Makes a URL-safe slug: folded, every run of non-alphanumerics one '-', no leading or trailing '-'. */
export function slugOf(s: string): string {
  return foldText(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Folds to letters and digits only, so "Cote d'Ivoire", "cote divoire" and "COTE-D-IVOIRE" share one key. */
export function compactKey(s: string): string {
  return foldText(s).replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Characters no library text holds: C0 controls other than whitespace (NUL, bytes of binary
 * files), U+FFFD (what a lenient UTF-8 decoder puts where a byte was invalid) and unpaired
 * surrogates (which a JSON "\ud800" escape can produce and UTF-8 cannot store).
 */
const FORBIDDEN = /[\0-\x08\x0e-\x1f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Returns the index of the first character an input may not hold (see FORBIDDEN), or -1. */
export function forbiddenCharAt(s: string): number {
  return s.search(FORBIDDEN);
}

/** Returns the character at `i` that is refused, named with its article and code point ("a NUL character (U+0000)"). */
export function describeForbidden(s: string, i: number): string {
  const code = s.charCodeAt(i);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code === 0) return `a NUL character (${hex})`;
  if (code < 0x20) return `a control character (${hex})`;
  if (code === 0xfffd) return `a replacement character (${hex}), left where bytes that are not valid UTF-8 were decoded`;
  return `an unpaired surrogate (${hex})`;
}

/** Returns `s` in double quotes, cut to `max` characters with "…", for echoing input in an error message. */
export function quoted(s: string, max = 60): string {
  return JSON.stringify(excerpt(s, max));
}

/** Returns `s` cut to `max` characters with "…" (for naming an input's key or column in an error). */
export function excerpt(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
