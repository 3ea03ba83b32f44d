import type { ClearThemeInput, CurationResult, DeletePublicationInput, DeletionResult, MergeAuthorsInput, MergeResult, RetagResult, SetThemeInput, TaggableText, ThemeDefinition, ThemeWriteResult, UpsertThemeInput, UpdatePublicationInput } from '../../domain/curation.types';
import { BadInputError, ConflictError, NotFoundError, VersionConflictError } from '../../domain/errors';
import type { Author, Publication, Theme } from '../../domain/node.types';
import { planRetag, retagChange, type PairState } from '../retag-plan';
import type { RetagEntry } from './memory.journal';
import { mergedAliases } from '../merged-aliases';
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
  /** Rebuilds the derived read indexes from the graph (after a deletion, which changes too much to patch). */
  readonly rebuild: () => void;
  /** Forgets the content hash an import stored for a publication, so its source entry counts as new. */
  readonly forgetHash: (id: string) => void;
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
      ? { type: 'ABOUT', score: tagger?.score ?? 1, evidence: [...(tagger?.evidence ?? [])], by, at, curator: { by, at, note } }
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
    const link: EdgeAttributes | null = prior.tagger ? { type: 'ABOUT', score: prior.tagger.score, evidence: [...prior.tagger.evidence], by, at } : null;
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

  /** See GraphStore.deletePublication. */
  deletePublication(input: DeletePublicationInput, beforeApply: () => void = noop): DeletionResult {
    const { id, expectedVersion, by, at } = input;
    const { graph, text, state, log } = this.host;
    const previous = this.publication(id, 'id');
    const current = versionOf(previous);
    if (current !== expectedVersion) throw new VersionConflictError(id, expectedVersion, current);
    // Authors whose only publication this is go with it, as an import drops authors it orphans.
    const orphans = new Set<string>();
    graph.forEachOutEdge(id, (_edge, attributes, _source, target) => {
      if (attributes.type === 'AUTHORED_BY' && graph.inEdges(target).every((e) => graph.source(e) === id)) orphans.add(target);
    });
    const draft = { at, by, operation: 'DELETE_PUBLICATION' as const, ids: [id], before: { title: previous.title, year: previous.year }, after: null };
    beforeApply();
    text.remove(previous);
    graph.dropNode(id);
    for (const author of orphans) {
      text.remove(graph.getNodeAttributes(author));
      graph.dropNode(author);
    }
    state.markDeleted(id, { by, at });
    this.host.forgetHash(id);
    const [change] = log.append([draft]);
    this.host.rebuild();
    return { publication: previous, change };
  }

  /** See GraphStore.mergeAuthors. */
  mergeAuthors(input: MergeAuthorsInput, beforeApply: () => void = noop): MergeResult {
    const { into, by, at } = input;
    const { graph, text, state, log } = this.host;
    const from = [...new Set(input.from)];
    if (from.length === 0) throw new BadInputError('from', 'must name at least one author to merge');
    if (from.includes(into)) throw new BadInputError('from', `holds "${into}", the author the others are merged into`);
    const target = this.author(into, 'into');
    const sources = from.map((id) => this.author(id, 'from'));
    const moves: { edge: string; publication: string; position: number }[] = [];
    for (const id of from) {
      graph.forEachInEdge(id, (edge, attributes, source) => {
        if (attributes.type === 'AUTHORED_BY') moves.push({ edge, publication: source, position: attributes.position ?? 0 });
      });
    }
    const publications = [...new Set(moves.map((m) => m.publication))].sort();
    const aliases = mergedAliases(target, sources);
    const merged: Author = { ...target, aliases };
    const draft = {
      at, by, operation: 'MERGE_AUTHORS' as const, ids: [into, ...from, ...publications],
      before: { authors: [target, ...sources].map((a) => ({ id: a.id, name: a.name, aliases: [...(a.aliases ?? [])] })) },
      after: { id: into, name: target.name, aliases },
    };
    beforeApply();
    // In position order, so that a publication listing several of them keeps the first place.
    for (const move of [...moves].sort((a, b) => a.position - b.position)) {
      graph.dropEdge(move.edge);
      const linked = graph.outEdges(move.publication, into).some((e) => graph.getEdgeAttribute(e, 'type') === 'AUTHORED_BY');
      if (!linked) graph.addEdge(move.publication, into, { type: 'AUTHORED_BY', position: move.position });
    }
    for (const id of publications) {
      const publication = graph.getNodeAttributes(id) as Publication;
      graph.replaceNodeAttributes(id, bumped(publication));
    }
    for (const source of sources) {
      text.remove(source);
      graph.dropNode(source.id);
    }
    text.remove(target);
    graph.replaceNodeAttributes(into, merged);
    text.add(merged);
    state.mergeAuthors(into, from);
    const [change] = log.append([draft]);
    this.host.rebuild();
    return { author: merged, publications, change };
  }

  /** See GraphStore.upsertTheme. */
  upsertTheme(input: UpsertThemeInput, beforeApply: () => void = noop): ThemeWriteResult {
    const { definition, by, at } = input;
    const { graph, text, state, log } = this.host;
    const existing = graph.hasNode(definition.id) ? graph.getNodeAttributes(definition.id) : null;
    if (existing && existing.type !== 'Theme') throw new ConflictError(`input.slug: the id ${definition.id} is taken by a ${existing.type}`);
    if (definition.broader !== null && !(graph.hasNode(definition.broader) && graph.getNodeAttributes(definition.broader).type === 'Theme')) {
      throw new NotFoundError('input.broader', `no theme has the id "${definition.broader}"`);
    }
    const broaderNow = existing ? graph.outEdges(definition.id).filter((e) => graph.getEdgeAttribute(e, 'type') === 'BROADER') : [];
    const before = existing
      ? state.definition(definition.id) ?? { id: existing.id, slug: existing.slug, name: existing.name, description: existing.description, broader: broaderNow.length ? graph.target(broaderNow[0]!) : null }
      : null;
    const after = { ...definition, terms: [...definition.terms], exactTerms: [...definition.exactTerms] };
    const theme: Theme = { type: 'Theme', id: definition.id, slug: definition.slug, name: definition.name, description: definition.description };
    if (before && JSON.stringify(before) === JSON.stringify(after)) return { theme, created: false, change: null };
    beforeApply();
    if (existing) {
      text.remove(existing);
      graph.replaceNodeAttributes(definition.id, theme);
    } else {
      graph.addNode(definition.id, theme);
    }
    text.add(theme);
    for (const edge of broaderNow) graph.dropEdge(edge);
    if (definition.broader) graph.addEdge(definition.id, definition.broader, { type: 'BROADER' });
    state.define(after);
    const [change] = log.append([{
      at, by, operation: 'UPSERT_THEME', ids: [definition.id, ...(definition.broader ? [definition.broader] : [])],
      before: before && withoutId(before), after: withoutId(after),
    }]);
    this.host.rebuild();
    return { theme, created: existing === null, change };
  }

  /**
   * Judges every publication for the retag's themes (see GraphStore.retag); returns what the
   * journal keeps of it: each pair the tagger links, with its score and evidence.
   */
  judgeAll(input: { themes: readonly string[]; judge: (p: TaggableText) => readonly { id: string; score: number; evidence: readonly string[] }[] }): RetagEntry['links'] {
    const { graph } = this.host;
    const themes = [...new Set(input.themes)];
    for (const id of themes) if (!graph.hasNode(id) || graph.getNodeAttributes(id).type !== 'Theme') throw new NotFoundError('themes', `no theme has the id "${id}"`);
    const wanted = new Set(themes);
    const links: { publicationId: string; themeId: string; score: number; evidence: string[] }[] = [];
    graph.forEachNode((id, node) => {
      if (node.type !== 'Publication') return;
      for (const l of input.judge({ id, title: node.title, abstract: node.abstract, sourceCategory: node.sourceCategory, language: node.language })) {
        if (wanted.has(l.id)) links.push({ publicationId: id, themeId: l.id, score: l.score, evidence: [...l.evidence] });
      }
    });
    return links;
  }

  /** Applies a retag's judgements (see GraphStore.retag); `entry.links` are every pair the tagger links. */
  applyRetag(entry: RetagEntry, beforeApply: () => void = noop): RetagResult {
    const { graph, state, log } = this.host;
    const themes = [...new Set(entry.themes)];
    for (const id of themes) if (!graph.hasNode(id) || graph.getNodeAttributes(id).type !== 'Theme') throw new NotFoundError('themes', `no theme has the id "${id}"`);
    const key = (p: string, t: string) => `${p}\u0000${t}`;
    const pairs = new Map<string, { publicationId: string; themeId: string; link: PairState['link']; decision: PairState['decision']; judgement: PairState['judgement'] }>();
    const pairOf = (publicationId: string, themeId: string) => {
      const k = key(publicationId, themeId);
      let pair = pairs.get(k);
      if (!pair) {
        const edge = this.aboutEdges(publicationId, themeId)[0];
        const attributes = edge === undefined ? null : graph.getEdgeAttributes(edge);
        pair = {
          publicationId, themeId, judgement: null,
          link: attributes && { score: attributes.score ?? 0, evidence: [...(attributes.evidence ?? [])] },
          decision: state.pair(publicationId, themeId)?.decision ?? null,
        };
        pairs.set(k, pair);
      }
      return pair;
    };
    for (const themeId of themes) {
      graph.forEachInEdge(themeId, (_edge, attributes, source) => void (attributes.type === 'ABOUT' && pairOf(source, themeId)));
      for (const publicationId of state.decidedOn(themeId)) if (graph.hasNode(publicationId)) pairOf(publicationId, themeId);
    }
    let checked = 0;
    graph.forEachNode((_id, node) => void (node.type === 'Publication' && checked++));
    for (const l of entry.links) {
      if (!graph.hasNode(l.publicationId) || !themes.includes(l.themeId)) continue;
      pairOf(l.publicationId, l.themeId).judgement = { score: l.score, evidence: [...l.evidence] };
    }
    const plan = planRetag([...pairs.values()]);
    beforeApply();
    for (const write of plan.writes) {
      const { publicationId, themeId } = write;
      const decided = state.pair(publicationId, themeId);
      if (decided) state.setPair(publicationId, themeId, { ...decided, tagger: write.judgement && { score: write.judgement.score, evidence: [...write.judgement.evidence] } });
      if (!write.changed) continue;
      for (const edge of this.aboutEdges(publicationId, themeId)) graph.dropEdge(edge);
      if (write.link) {
        graph.addEdge(publicationId, themeId, {
          type: 'ABOUT', score: write.link.score, evidence: [...write.link.evidence], by: entry.by, at: entry.at,
          ...(decided?.decision === 'CONFIRMED' ? { curator: { by: decided.by, at: decided.at, note: decided.note } } : {}),
        });
      }
    }
    for (const publicationId of plan.changed.keys()) graph.replaceNodeAttributes(publicationId, bumped(graph.getNodeAttributes(publicationId) as Publication));
    const changes = log.append([...plan.changed].map(([publicationId, change]) => retagChange(publicationId, change, entry.by, entry.at)));
    if (plan.changed.size) this.host.rebuild();
    return { checked, linked: plan.linked, unlinked: plan.unlinked, kept: plan.kept, changes };
  }

  /** Returns the stored author, or throws NotFoundError naming `argument`. */
  private author(id: string, argument: string): Author {
    const { graph } = this.host;
    const node = graph.hasNode(id) ? graph.getNodeAttributes(id) : null;
    if (node?.type !== 'Author') throw new NotFoundError(argument, `no author has the id "${id}"`);
    return node;
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


/** A definition as change records show it (the id is the change's first id). */
function withoutId(definition: Partial<ThemeDefinition> & { id: string }): Record<string, unknown> {
  const { id: _id, ...rest } = definition;
  return rest;
}
