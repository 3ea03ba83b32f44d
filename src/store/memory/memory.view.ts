import type { GraphNode, NodeType, Publication } from '../../domain/node.types';
import { nodeTypeOf } from '../../domain/node.types';
import type { ByKey } from '../store';
import { rowOf } from './memory.csr';
import type { KnowledgeGraph } from './memory.graph';
import type { GraphIndexes } from './memory.indexes';
import type { TextIndexes } from './memory.search';

/** What the memory store's readers read: the graph, its derived indexes and the text indexes. */
export interface MemoryView {
  readonly graph: KnowledgeGraph;
  readonly indexes: GraphIndexes;
  readonly text: TextIndexes;
  /**
   * Throws TimeoutError once the tracked unit of the call in progress has passed its deadline.
   * Long loops call it every few thousand steps, so one call cannot run far past the deadline.
   */
  readonly checkpoint: () => void;
}

/** How many steps a long loop takes between two checkpoints (a power of two: `(step & CHECKPOINT_MASK) === 0`). */
export const CHECKPOINT_MASK = 4095;

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
 * Returns the publication numbers of an anchor, ascending (so newest first), once each: a theme's
 * ABOUT it, a country's COVERING it (or MENTIONING it with `includeMentions`), a region's
 * covering its subtree, an author's. The id's prefix picks the kind, and the node must be of it.
 */
export function anchorPublications(view: MemoryView, id: string, includeMentions: boolean): ArrayLike<number> {
  const kind = nodeTypeOf(id);
  if (!kind || !ANCHOR_KINDS.includes(kind) || !view.graph.hasNode(id) || view.graph.getNodeAttributes(id).type !== kind) return [];
  const { into, numberOf } = view.indexes;
  const n = numberOf.get(id)!;
  if (kind === 'Theme') return rowOf(into.about, n);
  if (kind === 'Author') return rowOf(into.authored, n);
  if (kind === 'Region') return rowOf(into.inRegion, n);
  if (!includeMentions) return rowOf(into.covering, n);
  return [...new Set([...rowOf(into.covering, n), ...rowOf(into.mentioning, n)])].sort((a, b) => a - b);
}

/** Returns the publications of these numbers. */
export function publicationsAt(view: MemoryView, numbers: ArrayLike<number>): Publication[] {
  return Array.from(numbers, (pn) => view.indexes.publications[pn]);
}

/** Returns the nodes of these node numbers. */
export function nodesAt<T extends GraphNode>(view: MemoryView, numbers: Iterable<number>): T[] {
  return [...numbers].map((n) => view.graph.getNodeAttributes(view.indexes.ids[n]) as T);
}

/** Returns the nodes of these ids (known to exist). */
export function nodesOf<T extends GraphNode>(view: MemoryView, ids: Iterable<string>): T[] {
  return [...ids].map((id) => view.graph.getNodeAttributes(id) as T);
}
