import type { ClearThemeInput, CurationResult, SetThemeInput, UpdatePublicationInput } from '../../domain/curation.types';
import { NotFoundError, VersionConflictError } from '../../domain/errors';
import type { Publication } from '../../domain/node.types';
import type { ChangeDraft, ChangeLog } from './memory.changes';
import type { IndexChange } from './memory.index-patch';
import { CURATED_FIELDS, type CuratedField, type CurationState, type DecidedPair, type TaggerJudgement } from './memory.decisions';
import type { EdgeAttributes, KnowledgeGraph } from './memory.graph';
import type { TextIndexes } from './memory.search';

/** What the curation writes change: the graph and text indexes the reads follow, the curation state and the change log. */
export interface CurationHost {
  readonly graph: KnowledgeGraph;
  readonly text: TextIndexes;
  readonly state: CurationState;
  readonly log: ChangeLog;
  /** Brings the derived read indexes in line with the graph after a write that changed this. */
  readonly refresh: (change: IndexChange) => void;
}

/**
 * One curation write, planned in full against the store as it stands: everything that can fail
 * (unknown ids, a stale version) has been checked, so applying it is plain writes.
 */
interface WritePlan {
  readonly previous: Publication;
  readonly publication: Publication;
  /** The pair whose ABOUT links are replaced: `edges` are dropped, then `link` (if any) is added. */
  readonly about?: { readonly themeId: string; readonly edges: readonly string[]; readonly link: EdgeAttributes | null };
  readonly pair?: { readonly themeId: string; readonly value: DecidedPair | null };
  readonly curated?: readonly CuratedField[];
  readonly change: ChangeDraft;
}

const noop = () => {};

/**
 * The curation writes of the memory store: each validated and planned first, then applied in a
 * step that cannot fail halfway. A refused write throws and a no-op returns `change: null`, both
 * before `beforeApply` runs, so only writes that change something reach the journal.
 */
export class MemoryCuration {
  constructor(private readonly host: CurationHost) {}

  /** See GraphStore.setPublicationTheme. */
  setTheme(input: SetThemeInput, beforeApply: () => void = noop): CurationResult {
    const { publicationId, themeId, decision, by, at } = input;
    const note = input.note ?? null;
    const previous = this.publication(publicationId, 'publication');
    this.theme(themeId);
    const edges = this.aboutEdges(publicationId, themeId);
    const prior = this.host.state.pair(publicationId, themeId);
    const tagger = prior ? prior.tagger : this.judgementOf(edges);
    const link: EdgeAttributes | null = decision === 'CONFIRMED'
      ? { type: 'ABOUT', score: tagger?.score ?? 1, evidence: [...(tagger?.evidence ?? [])], curator: { by, at, note } }
      : null;
    return this.apply(beforeApply, {
      previous,
      publication: bumped(previous),
      about: { themeId, edges, link },
      pair: { themeId, value: { decision, by, at, note, tagger } },
      change: {
        at, by, operation: 'SET_THEME', ids: [publicationId, themeId],
        before: { decision: prior?.decision ?? null, about: edges.length > 0 },
        after: { decision, about: link !== null, note },
      },
    });
  }

  /** See GraphStore.clearPublicationTheme. */
  clearTheme(input: ClearThemeInput, beforeApply: () => void = noop): CurationResult {
    const { publicationId, themeId, by, at } = input;
    const previous = this.publication(publicationId, 'publication');
    this.theme(themeId);
    const prior = this.host.state.pair(publicationId, themeId);
    if (!prior) return { publication: previous, change: null };
    const edges = this.aboutEdges(publicationId, themeId);
    const link: EdgeAttributes | null = prior.tagger ? { type: 'ABOUT', score: prior.tagger.score, evidence: [...prior.tagger.evidence] } : null;
    return this.apply(beforeApply, {
      previous,
      publication: bumped(previous),
      about: { themeId, edges, link },
      pair: { themeId, value: null },
      change: {
        at, by, operation: 'CLEAR_THEME', ids: [publicationId, themeId],
        before: { decision: prior.decision, about: edges.length > 0 },
        after: { decision: null, about: link !== null },
      },
    });
  }

  /** See GraphStore.updatePublication. */
  updatePublication(input: UpdatePublicationInput, beforeApply: () => void = noop): CurationResult {
    const { id, edit, expectedVersion, by, at } = input;
    const previous = this.publication(id, 'id');
    const current = versionOf(previous);
    if (current !== expectedVersion) throw new VersionConflictError(id, expectedVersion, current);
    const changed = CURATED_FIELDS.filter((field) => edit[field] !== undefined && edit[field] !== previous[field]);
    if (changed.length === 0) return { publication: previous, change: null };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const field of changed) {
      before[field] = previous[field];
      after[field] = edit[field];
    }
    return this.apply(beforeApply, {
      previous,
      publication: { ...bumped(previous), ...(after as Partial<Publication>) },
      curated: changed,
      change: { at, by, operation: 'UPDATE_PUBLICATION', ids: [id], before, after },
    });
  }

  /**
   * Applies a plan: every step is a write the plan has made valid, so none throws. `beforeApply`
   * runs first (the journal's append and sync): if it throws, nothing is applied.
   */
  private apply(beforeApply: () => void, plan: WritePlan): CurationResult {
    beforeApply();
    const { graph, text, state, log } = this.host;
    const { previous, publication } = plan;
    const retext = previous.title !== publication.title || previous.abstract !== publication.abstract;
    if (retext) text.remove(previous);
    graph.replaceNodeAttributes(publication.id, publication);
    if (retext) text.add(publication);
    if (plan.about) {
      for (const edge of plan.about.edges) graph.dropEdge(edge);
      if (plan.about.link) graph.addEdge(publication.id, plan.about.themeId, plan.about.link);
    }
    if (plan.pair) state.setPair(publication.id, plan.pair.themeId, plan.pair.value);
    if (plan.curated) state.markCurated(publication.id, plan.curated);
    const [change] = log.append([plan.change]);
    const about = plan.about && { themeId: plan.about.themeId, dropped: plan.about.edges.length, added: plan.about.link !== null };
    this.host.refresh({ before: previous, after: publication, about });
    return { publication, change };
  }

  /** Returns the stored publication, or throws NotFoundError naming `argument`. */
  private publication(id: string, argument: string): Publication {
    const { graph } = this.host;
    const node = graph.hasNode(id) ? graph.getNodeAttributes(id) : null;
    if (node?.type !== 'Publication') throw new NotFoundError(argument, `no publication has the id "${id}"`);
    return node;
  }

  /** Throws NotFoundError('theme') unless the theme exists. */
  private theme(id: string): void {
    const { graph } = this.host;
    if (!graph.hasNode(id) || graph.getNodeAttributes(id).type !== 'Theme') throw new NotFoundError('theme', `no theme has the id "${id}"`);
  }

  /** Returns the keys of the ABOUT edges from a publication to a theme (the effective link: at most one). */
  private aboutEdges(publicationId: string, themeId: string): string[] {
    const { graph } = this.host;
    return graph.outEdges(publicationId, themeId).filter((e) => graph.getEdgeAttribute(e, 'type') === 'ABOUT');
  }

  /** Returns the tagger's judgement an undecided pair's link carries, or null without a link. */
  private judgementOf(edges: readonly string[]): TaggerJudgement | null {
    if (edges.length === 0) return null;
    const { score, evidence } = this.host.graph.getEdgeAttributes(edges[0]);
    return { score: score ?? 0, evidence: [...(evidence ?? [])] };
  }
}

/** Returns a stored publication's version (a node stored without one reads as 1). */
export function versionOf(publication: Publication): number {
  return publication.version ?? 1;
}

/** Returns the publication at its next version. */
function bumped(publication: Publication): Publication {
  return { ...publication, version: versionOf(publication) + 1 };
}
