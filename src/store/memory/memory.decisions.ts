import type { CuratorMark, ThemeDecision, ThemeDefinition, WriteActor } from '../../domain/curation.types';

/** The score and evidence the last import gave a publication–theme pair. */
export interface TaggerJudgement {
  readonly score: number;
  readonly evidence: readonly string[];
}

/** A curator's decision on a pair, with the tagger's judgement of it (null: the tagger did not link it). */
export interface DecidedPair extends CuratorMark {
  readonly decision: ThemeDecision;
  readonly tagger: TaggerJudgement | null;
}

/** The publication fields a curator may edit, in the order change records list them. */
export const CURATED_FIELDS = ['title', 'abstract', 'year'] as const;
export type CuratedField = (typeof CURATED_FIELDS)[number];

/**
 * What curators decided and edited, kept apart from the graph every read follows: per publication
 * its decided pairs (by theme id) and the fields a curator changed. Imports read it to leave those
 * alone; only a planned write changes it.
 */
export class CurationState {
  private readonly pairs = new Map<string, Map<string, DecidedPair>>();
  private readonly curated = new Map<string, Set<CuratedField>>();
  /** Themes an admin defined (upsertTheme), by id: imports leave them alone. */
  private readonly definitions = new Map<string, ThemeDefinition>();

  /** Returns a theme's admin definition, or undefined. */
  definition(themeId: string): ThemeDefinition | undefined {
    return this.definitions.get(themeId);
  }

  /** Every admin definition, by id. */
  allDefinitions(): ThemeDefinition[] {
    return [...this.definitions.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Records a theme's admin definition. */
  define(definition: ThemeDefinition): void {
    this.definitions.set(definition.id, definition);
  }

  /** Ids of authors merged into others (mergeAuthors), each to the author it is now: imports link to that one. */
  private readonly aliases = new Map<string, string>();

  /** Returns the author an id was merged into, or undefined. */
  authorAlias(authorId: string): string | undefined {
    return this.aliases.get(authorId);
  }

  /** Makes `ids` aliases of `into`, and re-points the aliases of those ids to it too. */
  mergeAuthors(into: string, ids: readonly string[]): void {
    const merged = new Set(ids);
    for (const [alias, target] of this.aliases) if (merged.has(target)) this.aliases.set(alias, into);
    for (const id of ids) this.aliases.set(id, into);
    this.aliases.delete(into);
  }

  /** Ids of publications a curator deleted, with who did it and when: imports leave them out. */
  private readonly deleted = new Map<string, WriteActor>();

  /** Returns who deleted a publication, or null when it was never deleted (or created again since). */
  deletion(publicationId: string): WriteActor | null {
    return this.deleted.get(publicationId) ?? null;
  }

  /** Forgets a publication's decisions and curated fields and records it as deleted. */
  markDeleted(publicationId: string, actor: WriteActor): void {
    this.pairs.delete(publicationId);
    this.curated.delete(publicationId);
    this.deleted.set(publicationId, { by: actor.by, at: actor.at });
  }

  /** Lifts a deletion (the publication was created again). */
  undelete(publicationId: string): void {
    this.deleted.delete(publicationId);
  }

  /** Returns a publication's decided pairs by theme id (empty when none). */
  pairsOf(publicationId: string): ReadonlyMap<string, DecidedPair> {
    return this.pairs.get(publicationId) ?? EMPTY_PAIRS;
  }

  /** Returns the pair's decision, or null. */
  pair(publicationId: string, themeId: string): DecidedPair | null {
    return this.pairs.get(publicationId)?.get(themeId) ?? null;
  }

  /** Returns the publications with a decision on a theme (a scan of the decisions: retags are rare). */
  decidedOn(themeId: string): string[] {
    const out: string[] = [];
    for (const [publicationId, pairs] of this.pairs) if (pairs.has(themeId)) out.push(publicationId);
    return out;
  }

  /** Returns the fields of a publication a curator changed. */
  curatedOf(publicationId: string): ReadonlySet<CuratedField> {
    return this.curated.get(publicationId) ?? EMPTY_FIELDS;
  }

  /** Records a pair's decision (null removes it). */
  setPair(publicationId: string, themeId: string, pair: DecidedPair | null): void {
    const pairs = this.pairs.get(publicationId);
    if (pair) (pairs ?? this.pairs.set(publicationId, new Map()).get(publicationId)!).set(themeId, pair);
    else if (pairs?.delete(themeId) && pairs.size === 0) this.pairs.delete(publicationId);
  }

  /** Adds fields to a publication's curated set. */
  markCurated(publicationId: string, fields: Iterable<CuratedField>): void {
    const set = this.curated.get(publicationId) ?? this.curated.set(publicationId, new Set()).get(publicationId)!;
    for (const field of fields) set.add(field);
  }

  /** Forgets everything. */
  clear(): void {
    this.pairs.clear();
    this.curated.clear();
    this.deleted.clear();
    this.aliases.clear();
    this.definitions.clear();
  }
}

const EMPTY_PAIRS: ReadonlyMap<string, DecidedPair> = new Map();
const EMPTY_FIELDS: ReadonlySet<CuratedField> = new Set();
