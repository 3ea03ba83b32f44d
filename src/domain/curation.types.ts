import type { NodeType, Publication } from './node.types';

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

/** What a change did. */
export type ChangeOperation =
  | 'IMPORT_CREATE' // kg import added a publication
  | 'IMPORT_UPDATE' // kg import rewrote a publication whose source entry changed
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

/** The most changes one page returns. */
export const MAX_CHANGES_PAGE = 100;
/** How long change records are kept by default (`KG_CHANGES_RETENTION_DAYS`). */
export const DEFAULT_CHANGES_RETENTION_DAYS = 365;
