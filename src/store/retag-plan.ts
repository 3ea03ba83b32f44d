import type { ChangeRecord, ThemeDecision } from '../domain/curation.types';

/** A link's score and evidence (an ABOUT link, or the tagger's judgement of a pair). */
export interface Judgement {
  readonly score: number;
  readonly evidence: readonly string[];
}

/** A publication–theme pair as it is stored, and what the tagger says of it now. */
export interface PairState {
  readonly publicationId: string;
  readonly themeId: string;
  /** Its effective ABOUT link, or null. */
  readonly link: Judgement | null;
  /** A curator's decision on it, or null. */
  readonly decision: ThemeDecision | null;
  /** The tagger's new judgement, or null when it does not link the pair. */
  readonly judgement: Judgement | null;
}

/** What to write for one pair: its new effective link, and (when decided) the decision's new tagger judgement. */
export interface PairWrite {
  readonly publicationId: string;
  readonly themeId: string;
  readonly link: Judgement | null;
  readonly decided: boolean;
  readonly judgement: Judgement | null;
  /** Whether the effective link changed (presence, score or evidence). */
  readonly changed: boolean;
}

/** What a retag writes and records. */
export interface RetagPlan {
  readonly writes: readonly PairWrite[];
  /** Per publication whose links changed (by id): the themes linked before and after, and those whose link changed. */
  readonly changed: ReadonlyMap<string, { readonly before: string[]; readonly after: string[]; readonly themes: string[] }>;
  readonly linked: number;
  readonly unlinked: number;
  readonly kept: number;
}

/**
 * Plans a retag from the stored state of every pair it concerns, the same on both stores: an
 * undecided pair takes the tagger's judgement; a REJECTED one stays unlinked and a CONFIRMED one
 * linked (with the tagger's score and evidence, or score 1 and none), as an import would leave them.
 */
export function planRetag(pairs: readonly PairState[]): RetagPlan {
  const writes: PairWrite[] = [];
  const changed = new Map<string, { before: string[]; after: string[]; themes: string[] }>();
  const linkedBefore = new Map<string, Set<string>>();
  let linked = 0;
  let unlinked = 0;
  let kept = 0;
  const sorted = [...pairs].sort((a, b) => cmp(a.publicationId, b.publicationId) || cmp(a.themeId, b.themeId));
  for (const pair of sorted) {
    if (pair.link) (linkedBefore.get(pair.publicationId) ?? linkedBefore.set(pair.publicationId, new Set()).get(pair.publicationId)!).add(pair.themeId);
  }
  for (const pair of sorted) {
    const { decision, judgement } = pair;
    let link: Judgement | null;
    if (decision === 'REJECTED') link = null;
    else if (decision === 'CONFIRMED') link = { score: judgement?.score ?? 1, evidence: [...(judgement?.evidence ?? [])] };
    else link = judgement && { score: judgement.score, evidence: [...judgement.evidence] };
    if (decision && (decision === 'REJECTED') === (judgement !== null)) kept++;
    const differs = !same(pair.link, link);
    if (differs) {
      if (pair.link && !link) unlinked++;
      if (!pair.link && link) linked++;
      const before = [...(linkedBefore.get(pair.publicationId) ?? [])].sort();
      const entry = changed.get(pair.publicationId) ?? changed.set(pair.publicationId, { before, after: [...before], themes: [] }).get(pair.publicationId)!;
      entry.themes.push(pair.themeId);
      if (!link) entry.after = entry.after.filter((t) => t !== pair.themeId);
      else if (!entry.after.includes(pair.themeId)) entry.after = [...entry.after, pair.themeId].sort();
    }
    if (differs || decision) writes.push({ publicationId: pair.publicationId, themeId: pair.themeId, link, decided: decision !== null, judgement, changed: differs });
  }
  return { writes, changed, linked, unlinked, kept };
}

/** The change draft of one publication's retag. */
export function retagChange(publicationId: string, entry: { before: string[]; after: string[]; themes: string[] }, by: string, at: string): Omit<ChangeRecord, 'seq'> {
  return { at, by, operation: 'RETAG', ids: [publicationId, ...entry.themes], before: { themes: entry.before }, after: { themes: entry.after } };
}

function same(a: Judgement | null, b: Judgement | null): boolean {
  if (!a || !b) return a === b;
  return a.score === b.score && a.evidence.length === b.evidence.length && a.evidence.every((e, i) => e === b.evidence[i]);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
