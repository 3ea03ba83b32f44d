import type { NodeType } from '../../domain/node.types';
import type { Subgraph, SubgraphEdge } from '../../domain/query.types';
import type { KnowledgeGraph } from './memory.graph';
import { compareText } from './memory.order';
import { CHECKPOINT_MASK } from './memory.view';

// Neo4j's statement clamps sizes so Cypher stays valid; the memory store clamps them alike.
const count = (n: number): number => Math.max(0, Math.floor(n));

/**
 * See GraphStore.neighborhood, walked level by level as Neo4j's statement walks it: each level
 * holds the nodes first reached at that distance (of the wanted types; seeds always), cut to
 * `limit + 1` by id, and a level is expanded only while at most `limit` nodes are found; the
 * first `limit` by (distance, id) are kept, with the relationships among them by edge id.
 * `checkpoint` is called every few thousand relationships walked (see MemoryView.checkpoint).
 */
export function neighborhood(graph: KnowledgeGraph, ids: readonly string[], options: { depth: number; limit: number; types: readonly NodeType[] }, checkpoint: () => void = () => {}): Subgraph {
  const limit = count(options.limit);
  const depth = count(options.depth);
  const wanted = options.types.length ? new Set(options.types) : null;
  const levels: string[][] = [[...new Set(ids)].filter((id) => graph.hasNode(id)).sort(compareText)];
  const seen = new Set(levels[0]);
  let steps = 0;
  while (levels.length <= Math.min(depth, 3) && seen.size <= limit) {
    const reached = new Set<string>();
    for (const n of levels[levels.length - 1]) {
      graph.forEachNeighbor(n, (m, attributes) => {
        if ((++steps & CHECKPOINT_MASK) === 0) checkpoint();
        if (!seen.has(m) && (!wanted || wanted.has(attributes.type))) reached.add(m);
      });
    }
    const level = [...reached].sort(compareText).slice(0, limit + 1);
    level.forEach((m) => seen.add(m));
    levels.push(level);
  }
  const found = levels.flatMap((level, distance) => level.map((id) => ({ id, distance })));
  const kept = found.slice(0, limit);
  const keptIds = new Set(kept.map((k) => k.id));
  const edges: SubgraphEdge[] = [];
  for (const { id } of kept) {
    graph.forEachOutEdge(id, (_edge, attributes, source, target) => {
      if ((++steps & CHECKPOINT_MASK) === 0) checkpoint();
      if (keptIds.has(target)) {
        edges.push({ id: `${source}|${attributes.type}|${target}`, source, target, type: attributes.type, weight: attributes.type === 'ABOUT' ? attributes.score ?? 1 : 1 });
      }
    });
  }
  return {
    nodes: kept.map(({ id, distance }) => ({ node: graph.getNodeAttributes(id), degree: graph.degree(id), distance })),
    edges: edges.sort((a, b) => compareText(a.id, b.id)),
    truncated: found.length > limit,
  };
}
