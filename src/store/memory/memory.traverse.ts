import type Graph from 'graphology-types';
import { undirectedSingleSourceLength } from 'graphology-shortest-path';
import type { GraphNode, NodeType } from '../../domain/node.types';
import type { GraphPath, PathStep, RelationshipKind, Subgraph, SubgraphEdge } from '../../domain/query.types';
import { type KnowledgeGraph, type Link, relationshipProperties } from './memory.graph';
import type { GraphIndexes } from './memory.indexes';
import { compareText } from './memory.order';

/** The longest path Neo4j's statement looks for (its pattern's literal bound). */
const PATH_BOUND = 6;

// Neo4j's statements clamp sizes so Cypher stays valid; the memory store clamps them alike.
const count = (n: number): number => Math.max(0, Math.floor(n));

/**
 * A read-only view of the graph as undirected, with only the relationships of some types: enough
 * of graphology's interface for its shortest-path functions, read off the adjacency index rather
 * than copying the graph.
 */
class TypedUndirectedView {
  readonly multi = true;
  constructor(private readonly graph: KnowledgeGraph, private readonly adjacency: GraphIndexes['adjacency'], private readonly via: ReadonlySet<RelationshipKind> | null) {}
  hasNode(node: string): boolean {
    return this.graph.hasNode(node);
  }
  neighbors(node: string): string[] {
    const adjacent = this.adjacency.get(node);
    if (!adjacent) return [];
    if (!this.via) return adjacent.nodes;
    return adjacent.nodes.filter((_n, i) => this.via!.has(adjacent.types[i]));
  }
  /** Returns the node's relationships of the view's types with another node, either way. */
  links(node: string, other: string): Link[] {
    const out: Link[] = [];
    this.graph.forEachEdge(node, (_edge, attributes, source, target) => {
      if ((source === other || target === other) && (!this.via || this.via.has(attributes.type))) out.push({ source, target, attributes });
    });
    return out;
  }
  addUndirectedEdgeWithKey(): never {
    throw new Error('read-only view');
  }
  dropNode(): never {
    throw new Error('read-only view');
  }
}

/**
 * See GraphStore.paths: BFS distances from both ends (graphology-shortest-path over a typed,
 * undirected view), then a depth-first walk of the shortest-path DAG in node-id order, expanding
 * each node sequence into its relationship choices in type order, until `first` paths are found.
 */
export function shortestPaths(graph: KnowledgeGraph, indexes: GraphIndexes, from: string, to: string, options: { maxHops: number; first: number; via: readonly RelationshipKind[] }): GraphPath[] {
  const first = count(options.first);
  if (!graph.hasNode(from) || !graph.hasNode(to) || first === 0) return [];
  const node = (id: string): GraphNode => graph.getNodeAttributes(id);
  if (from === to) return [{ length: 0, nodes: [node(from)], relationships: [] }];
  const view = new TypedUndirectedView(graph, indexes.adjacency, options.via.length ? new Set(options.via) : null);
  const fromStart = undirectedSingleSourceLength(view as unknown as Graph, from);
  const hops = fromStart[to];
  if (hops === undefined || hops > Math.min(PATH_BOUND, count(options.maxHops))) return [];
  const toEnd = undirectedSingleSourceLength(view as unknown as Graph, to);

  const paths: GraphPath[] = [];
  const walk = (sequence: string[]): void => {
    const here = sequence[sequence.length - 1];
    if (here === to) {
      expand(sequence);
      return;
    }
    const step = sequence.length;
    const next = [...new Set(view.neighbors(here))]
      .filter((n) => fromStart[n] === step && toEnd[n] === hops - step)
      .sort(compareText);
    for (const n of next) {
      if (paths.length >= first) return;
      walk([...sequence, n]);
    }
  };
  const expand = (sequence: string[]): void => {
    const choices = sequence.slice(1).map((n, i) => view.links(sequence[i], n).sort((a, b) => compareText(a.attributes.type, b.attributes.type)));
    const picks = choices.map(() => 0);
    for (;;) {
      if (paths.length >= first) return;
      const relationships = picks.map((k, i): PathStep => {
        const l = choices[i][k];
        return {
          type: l.attributes.type, source: l.source, target: l.target,
          properties: relationshipProperties(l.attributes), direction: l.source === sequence[i] ? 'OUTGOING' : 'INCOMING',
        };
      });
      paths.push({ length: relationships.length, nodes: sequence.map(node), relationships });
      let i = picks.length - 1;
      while (i >= 0 && picks[i] === choices[i].length - 1) picks[i--] = 0;
      if (i < 0) return;
      picks[i]++;
    }
  };
  walk([from]);
  return paths;
}

/**
 * See GraphStore.neighborhood, walked level by level as Neo4j's statement walks it: each level
 * holds the nodes first reached at that distance (of the wanted types; seeds always), cut to
 * `limit + 1` by id, and a level is expanded only while at most `limit` nodes are found; the
 * first `limit` by (distance, id) are kept, with the relationships among them by edge id.
 */
export function neighborhood(graph: KnowledgeGraph, ids: readonly string[], options: { depth: number; limit: number; types: readonly NodeType[] }): Subgraph {
  const limit = count(options.limit);
  const depth = count(options.depth);
  const wanted = options.types.length ? new Set(options.types) : null;
  const levels: string[][] = [[...new Set(ids)].filter((id) => graph.hasNode(id)).sort(compareText)];
  const seen = new Set(levels[0]);
  while (levels.length <= Math.min(depth, 3) && seen.size <= limit) {
    const reached = new Set<string>();
    for (const n of levels[levels.length - 1]) {
      graph.forEachNeighbor(n, (m, attributes) => {
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
