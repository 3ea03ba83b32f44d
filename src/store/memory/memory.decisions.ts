import type { CuratorMark, ThemeDecision } from '../../domain/curation.types';

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

  /** Returns a publication's decided pairs by theme id (empty when none). */
  pairsOf(publicationId: string): ReadonlyMap<string, DecidedPair> {
    return this.pairs.get(publicationId) ?? EMPTY_PAIRS;
  }

  /** Returns the pair's decision, or null. */
  pair(publicationId: string, themeId: string): DecidedPair | null {
    return this.pairs.get(publicationId)?.get(themeId) ?? null;
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
  }
}

const EMPTY_PAIRS: ReadonlyMap<string, DecidedPair> = new Map();
const EMPTY_FIELDS: ReadonlySet<CuratedField> = new Set();
