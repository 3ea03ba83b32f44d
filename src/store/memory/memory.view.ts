import type { GraphNode, NodeType, Publication } from '../../domain/node.types';
import { nodeTypeOf } from '../../domain/node.types';
import type { ByKey } from '../store';
import type { KnowledgeGraph } from './memory.graph';
import type { GraphIndexes } from './memory.indexes';
import type { TextIndexes } from './memory.search';

/** What the memory store's readers read: the graph, its derived indexes and the text indexes. */
export interface MemoryView {
  readonly graph: KnowledgeGraph;
  readonly indexes: GraphIndexes;
  readonly text: TextIndexes;
  /** Returns a publication known to exist. */
  publication(id: string): Publication;
}

/** Returns an answer for every distinct id, in the order asked. */
export function keyed<T>(ids: readonly string[], answer: (id: string) => T): Map<string, T> {
  return new Map([...new Set(ids)].map((id) => [id, answer(id)]));
}

/** Returns an answer for every distinct id: `answer(node)` when the id is a node of `type`, else `empty()`. */
export function keyedBy<N extends GraphNode, T>(view: MemoryView, ids: readonly string[], type: N['type'], answer: (node: N) => T, empty: () => T): ByKey<T> {
  return keyed(ids, (id) => {
    const node = view.graph.hasNode(id) ? view.graph.getNodeAttributes(id) : null;
    return node && node.type === type ? answer(node as N) : empty();
  });
}

/** The kinds of id an anchor may be; other ids anchor nothing. */
const ANCHOR_KINDS: readonly NodeType[] = ['Theme', 'Country', 'Region', 'Author'];

/**
 * Returns the publication ids of an anchor, distinct and newest first: a theme's ABOUT it, a
 * country's COVERING it (or MENTIONING it with `includeMentions`), a region's covering its subtree,
 * an author's. The id's prefix picks the kind, and the node must be of that kind.
 */
export function anchorPublications(view: MemoryView, id: string, includeMentions: boolean): readonly string[] {
  const kind = nodeTypeOf(id);
  if (!kind || !ANCHOR_KINDS.includes(kind) || !view.graph.hasNode(id) || view.graph.getNodeAttributes(id).type !== kind) return [];
  const { indexes } = view;
  if (kind === 'Theme') return indexes.byTheme.get(id) ?? [];
  if (kind === 'Author') return indexes.byAuthor.get(id) ?? [];
  if (kind === 'Region') return indexes.inRegion.get(id) ?? [];
  const covering = indexes.covering.get(id) ?? [];
  if (!includeMentions) return covering;
  const rank = indexes.rank.YEAR_DESC;
  return [...new Set([...covering, ...(indexes.mentioning.get(id) ?? [])])].sort((a, b) => rank.get(a)! - rank.get(b)!);
}

/** Returns the nodes of these ids (known to exist). */
export function nodesOf<T extends GraphNode>(view: MemoryView, ids: Iterable<string>): T[] {
  return [...ids].map((id) => view.graph.getNodeAttributes(id) as T);
}
