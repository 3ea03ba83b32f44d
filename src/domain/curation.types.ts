import type { ThemeLink } from './import.types';
import type { Author, NodeType, Publication, Theme } from './node.types';

/**
 * Curation: what curators change and how every change is recorded (README, "Curating").
 * Plain types; both stores implement the writes in GraphStore with the same semantics.
 */

/** Why a publication is ABOUT a theme: the tagger found it in the text, the source's category names it, or a curator said so. */
export type LinkSource = 'TAGGER' | 'CATEGORY' | 'CURATOR';

/** A curator's decision on one publication–theme pair. */
export type ThemeDecision = 'CONFIRMED' | 'REJECTED';

/** Who writes, and when (ISO-8601). `by` is an identity's name (README, "Access control"), or `kg import`. */
export interface WriteActor {
  readonly by: string;
  readonly at: string;
}

/** The name changes made by `kg import` are recorded under. */
export const IMPORT_ACTOR = 'kg import';

/** A curator's provenance on an ABOUT link they confirmed. */
export interface CuratorMark {
  readonly by: string;
  readonly at: string;
  readonly note: string | null;
}

/** Sets a decision: CONFIRMED makes the link a curator's; REJECTED hides it from every read. */
export interface SetThemeInput extends WriteActor {
  readonly publicationId: string;
  readonly themeId: string;
  readonly decision: ThemeDecision;
  readonly note: string | null;
}

/** Removes a decision: the link goes back to the tagger's judgement (present or absent). */
export interface ClearThemeInput extends WriteActor {
  readonly publicationId: string;
  readonly themeId: string;
}

/** The fields of a publication a curator may edit; absent fields are left as they are. */
export interface PublicationEdit {
  readonly title?: string;
  readonly abstract?: string;
  readonly year?: number | null;
}

/** A partial update, refused with VersionConflictError unless the stored version is `expectedVersion`. */
export interface UpdatePublicationInput extends WriteActor {
  readonly id: string;
  readonly edit: PublicationEdit;
  readonly expectedVersion: number;
}

/** Deletes a publication, refused with VersionConflictError unless the stored version is `expectedVersion`. */
export interface DeletePublicationInput extends WriteActor {
  readonly id: string;
  readonly expectedVersion: number;
}

/** What a deletion returns: the publication as it was, and the change recorded. */
export interface DeletionResult {
  readonly publication: Publication;
  readonly change: ChangeRecord;
}

/** Merges authors: `from`'s links move to `into`, `from` goes, and its spellings become `into`'s aliases. */
export interface MergeAuthorsInput extends WriteActor {
  readonly into: string;
  readonly from: readonly string[];
}

/** What a merge returns: the merged author (with its aliases), the publications it re-linked, and the change. */
export interface MergeResult {
  readonly author: Author;
  readonly publications: readonly string[];
  readonly change: ChangeRecord;
}

/** A theme as an admin defines it (upsertTheme): the node, its broader theme and the tagger's match terms. */
export interface ThemeDefinition {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  /** The id of its broader theme, or null for a top-level one. */
  readonly broader: string | null;
  /** Stemmed match terms (data/taxonomy.yaml explains how terms match). */
  readonly terms: readonly string[];
  /** Terms matched word for word. */
  readonly exactTerms: readonly string[];
}

/** Creates or replaces a theme's definition. */
export interface UpsertThemeInput extends WriteActor {
  readonly definition: ThemeDefinition;
}

/** What upsertTheme returns: the theme now, whether it is new, and the change (null when nothing changed). */
export interface ThemeWriteResult {
  readonly theme: Theme;
  readonly created: boolean;
  readonly change: ChangeRecord | null;
}

/** What a publication's text and categories are, for the tagger. */
export interface TaggableText {
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  readonly sourceCategory: string | null;
  /** ISO 639-1 code or `und`: which language's terms the tagger matches. */
  readonly language: string;
}

/** Runs the tagger again over every publication for `themes`; `judge` says what the tagger links now. */
export interface RetagInput extends WriteActor {
  readonly themes: readonly string[];
  /** The tagger's links for a publication (any themes; only `themes` are used). */
  readonly judge: (publication: TaggableText) => readonly ThemeLink[];
}

/** What a retag did. */
export interface RetagResult {
  /** Publications the tagger was run over. */
  readonly checked: number;
  /** Pairs now linked that were not, and linked pairs now gone. */
  readonly linked: number;
  readonly unlinked: number;
  /** Pairs whose curator decision stood against the tagger's new judgement. */
  readonly kept: number;
  /** One RETAG change per publication whose links changed, in id order. */
  readonly changes: readonly ChangeRecord[];
}

/** Bounds of a theme definition, in characters and items (data/taxonomy.yaml's themes are well within them). */
export const THEME_BOUNDS = { name: 100, description: 500, terms: 100, term: 100 } as const;

/** The most themes one retag takes. */
export const MAX_RETAG_THEMES = 20;

/** The most authors one merge takes in `from`. */
export const MAX_MERGE_FROM = 50;

/** What a change did. */
export type ChangeOperation =
  | 'IMPORT_CREATE' // an import (kg import or importPublications) added a publication
  | 'IMPORT_UPDATE' // an import rewrote a publication whose source entry changed
  | 'CREATE_PUBLICATION' // a curator added a publication (createPublication)
  | 'DELETE_PUBLICATION' // a curator deleted one; imports leave its id out from then on
  | 'MERGE_AUTHORS' // a curator merged authors into one
  | 'UPSERT_THEME' // an admin created or changed a theme's definition
  | 'RETAG' // an admin's retag changed a publication's links
  | 'UPDATE_PUBLICATION'
  | 'SET_THEME'
  | 'CLEAR_THEME';

/** One record of the change feed. */
export interface ChangeRecord {
  /** 1, 2, 3 … in commit order, never re-used. */
  readonly seq: number;
  readonly at: string;
  readonly by: string;
  readonly operation: ChangeOperation;
  /** The node ids it touched, the publication first. */
  readonly ids: readonly string[];
  /** The changed fields before and after (JSON values); null for a creation's before. */
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly after: Readonly<Record<string, unknown>> | null;
}

/** What one curation write returns: the publication as it now is, and its change (null when nothing changed). */
export interface CurationResult {
  readonly publication: Publication;
  readonly change: ChangeRecord | null;
}

/** A page of the change feed. */
export interface ChangePage {
  readonly items: readonly ChangeRecord[];
  readonly hasNextPage: boolean;
}

/** Filters of the change feed: changes after `after` (a seq), touching a node of one of `types` (all when empty). */
export interface ChangeQuery {
  readonly after: number | null;
  readonly first: number;
  readonly types: readonly NodeType[];
}

/** The longest note of a decision, in characters. */
export const MAX_NOTE = 2_000;
/** The longest text importPublications takes, in characters (`kg import` takes files of any size). */
export const MAX_IMPORT_TEXT = 500_000;

/** The most changes one page returns. */
export const MAX_CHANGES_PAGE = 100;
/** How long change records are kept by default (`KG_CHANGES_RETENTION_DAYS`). */
export const DEFAULT_CHANGES_RETENTION_DAYS = 365;
