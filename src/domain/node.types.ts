/** The kinds of node in the knowledge graph; each id starts with its kind and a colon. */
export const NODE_TYPES = ['Publication', 'Author', 'Country', 'Region', 'Theme'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/** How much of the world a publication is about. The source writes "Worldwide" for GLOBAL. */
export type Scope = 'GLOBAL' | 'REGIONAL' | 'NATIONAL';

/** Where a region sits in the UN M49 tree; CUSTOM marks a source label that is not an M49 area. */
export type RegionLevel = 'WORLD' | 'REGION' | 'SUBREGION' | 'INTERMEDIATE' | 'CUSTOM';

export interface Publication {
  readonly type: 'Publication';
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  readonly year: number | null;
  readonly scope: Scope;
  readonly sourceCategory: string | null;
  /** ISO 639-1 code, or `und` when undetermined (language.codes.ts). */
  readonly language: string;
  /** 1 when first imported; every change (an import of an edited entry, a curator's write) adds 1. */
  readonly version: number;
}

export interface Author {
  readonly type: 'Author';
  readonly id: string;
  readonly name: string;
  /** Other spellings merged into this author (mergeAuthors); absent when none. */
  readonly aliases?: readonly string[];
}

export interface Country {
  readonly type: 'Country';
  readonly id: string;
  readonly iso2: string;
  readonly iso3: string;
  readonly m49: string | null;
  readonly name: string;
}

export interface Region {
  readonly type: 'Region';
  readonly id: string;
  readonly name: string;
  readonly m49: string | null;
  readonly level: RegionLevel;
}

export interface Theme {
  readonly type: 'Theme';
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly description: string;
}

/** Any node of the graph, discriminated by `type`. */
export type GraphNode = Publication | Author | Country | Region | Theme;

/** Returns the node type encoded in an id such as `Country:BD`, or null when the prefix is unknown. */
export function nodeTypeOf(id: string): NodeType | null {
  const prefix = id.slice(0, id.indexOf(':'));
  return (NODE_TYPES as readonly string[]).includes(prefix) ? (prefix as NodeType) : null;
}
