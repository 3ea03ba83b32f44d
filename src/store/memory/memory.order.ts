import type { GraphNode, Publication, Region } from '../../domain/node.types';

/** The year Neo4j's statements put in place of a missing one when sorting newest first (below every year). */
export const NO_YEAR_LOW = -2147483648;
/** The year Neo4j's statements put in place of a missing one when sorting oldest first (above every year). */
export const NO_YEAR_HIGH = 2147483647;

/** Compares two strings by UTF-16 code unit, with no locale collation. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two ids ascending. */
export function byId(a: { readonly id: string }, b: { readonly id: string }): number {
  return compareText(a.id, b.id);
}

/** Returns the label a node is listed by: a publication's title, any other node's name. */
export function labelOf(node: GraphNode): string {
  return node.type === 'Publication' ? node.title : node.name;
}

/** Compares nodes by lower-cased name (or title), then id. */
export function byName(a: GraphNode, b: GraphNode): number {
  return compareText(labelOf(a).toLowerCase(), labelOf(b).toLowerCase()) || byId(a, b);
}

/** Compares publications newest first, those without a year last, then by id. */
export function byYearDesc(a: Publication, b: Publication): number {
  return (b.year ?? NO_YEAR_LOW) - (a.year ?? NO_YEAR_LOW) || byId(a, b);
}

const LIST_LEVEL: Readonly<Record<Region['level'], number>> = { WORLD: 0, REGION: 1, SUBREGION: 2, INTERMEDIATE: 3, CUSTOM: 4 };
const CHAIN_LEVEL: Readonly<Record<Region['level'], number>> = { INTERMEDIATE: 0, SUBREGION: 1, REGION: 2, WORLD: 3, CUSTOM: 3 };

/** Compares regions as `listRegions` lists them: World, then by level, name and id. */
export function byListLevel(a: Region, b: Region): number {
  return LIST_LEVEL[a.level] - LIST_LEVEL[b.level] || byName(a, b);
}

/** Compares regions as a region chain lists them: innermost level first, then id. */
export function byChainLevel(a: Region, b: Region): number {
  return CHAIN_LEVEL[a.level] - CHAIN_LEVEL[b.level] || byId(a, b);
}

/**
 * Returns a number rounded half-up to 4 decimals on its shortest decimal form, as Cypher's
 * round(x, 4) does (through BigDecimal.valueOf), so 0.22225 gives 0.2223 where x * 1e4 would not.
 */
export function round4(x: number): number {
  const text = String(x);
  if (!Number.isFinite(x) || /e/i.test(text)) return Math.round(x * 1e4) / 1e4;
  const negative = x < 0;
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  if (fraction.length <= 4) return x;
  const digits = (BigInt(whole + fraction.slice(0, 4)) + (fraction.charCodeAt(4) >= 53 ? 1n : 0n)).toString().padStart(5, '0');
  const rounded = Number(`${digits.slice(0, -4)}.${digits.slice(-4)}`);
  return negative ? -rounded : rounded;
}

/** Returns the distinct values in first-seen order. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** Returns how many code points a string has, as Cypher's size() counts a string. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

