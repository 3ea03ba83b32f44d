import { unknownNodeError } from '../../domain/errors';
import type Graph from 'graphology-types';
import { bidirectional, undirectedSingleSourceLength } from 'graphology-shortest-path';
import type { GraphNode } from '../../domain/node.types';
import type { GraphPath, PathStep, RelationshipKind } from '../../domain/query.types';
import { type KnowledgeGraph, type Link, relationshipProperties } from './memory.graph';
import type { GraphIndexes } from './memory.indexes';
import { compareText } from './memory.order';
import { CHECKPOINT_MASK } from './memory.view';

/** The longest path Neo4j's statement looks for (its pattern's literal bound). */
const PATH_BOUND = 6;

// Neo4j's statement clamps sizes so Cypher stays valid; the memory store clamps them alike.
const count = (n: number): number => Math.max(0, Math.floor(n));

/**
 * A read-only view of the graph as undirected, with only the relationships of some types: enough
 * of graphology's interface for its shortest-path functions, read off the adjacency index rather
 * than copying the graph. `within(source, depth)` gives a view that stops expanding nodes `depth`
 * hops from the source, the cutoff graphology's single-source functions lack: they ask for
 * neighbours level by level, so the first level a node is seen at is its distance.
 */
class TypedUndirectedView {
  readonly multi = true;
  private levels: Map<string, number> | null = null;
  private depth = Infinity;
  private steps = 0;

  constructor(
    private readonly graph: KnowledgeGraph, private readonly adjacency: GraphIndexes['adjacency'], private readonly via: ReadonlySet<RelationshipKind> | null,
    private readonly checkpoint: () => void,
  ) {}

  within(source: string, depth: number): TypedUndirectedView {
    const view = new TypedUndirectedView(this.graph, this.adjacency, this.via, this.checkpoint);
    view.levels = new Map([[source, 0]]);
    view.depth = depth;
    return view;
  }
  hasNode(node: string): boolean {
    return this.graph.hasNode(node);
  }
  neighbors(node: string): string[] {
    const level = this.levels?.get(node) ?? 0;
    if (level >= this.depth) return [];
    const adjacent = this.adjacency.get(node);
    if (!adjacent) return [];
    // A hub hands back thousands of neighbours at once: count them all as steps.
    this.steps += 1 + adjacent.nodes.length;
    if (this.steps > CHECKPOINT_MASK) {
      this.steps = 0;
      this.checkpoint();
    }
    const out = this.via ? adjacent.nodes.filter((_n, i) => this.via!.has(adjacent.types[i])) : adjacent.nodes;
    if (this.levels) for (const n of out) if (!this.levels.has(n)) this.levels.set(n, level + 1);
    return out;
  }
  outboundNeighbors(node: string): string[] {
    return this.neighbors(node);
  }
  inboundNeighbors(node: string): string[] {
    return this.neighbors(node);
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
 * See GraphStore.paths. graphology-shortest-path gives the length (a bidirectional search) and
 * the distances to the far end within it; a depth-first walk from the near end then follows only
 * neighbours one step closer to the far end (with the triangle inequality, exactly the nodes of
 * shortest paths), in node-id order, expanding each node sequence into its relationship choices in
 * type order, until `first` paths are found. `checkpoint` is called every few thousand nodes
 * expanded (see MemoryView.checkpoint).
 */
export function shortestPaths(
  graph: KnowledgeGraph, indexes: GraphIndexes, from: string, to: string, options: { maxHops: number; first: number; via: readonly RelationshipKind[] },
  checkpoint: () => void = () => {},
): GraphPath[] {
  const first = count(options.first);
  if (!graph.hasNode(from)) throw unknownNodeError('from', [from]);
  if (!graph.hasNode(to)) throw unknownNodeError('to', [to]);
  if (first === 0) return [];
  const node = (id: string): GraphNode => graph.getNodeAttributes(id);
  if (from === to) return [{ length: 0, nodes: [node(from)], relationships: [] }];
  const view = new TypedUndirectedView(graph, indexes.adjacency, options.via.length ? new Set(options.via) : null, checkpoint);
  const shortest = bidirectional(view as unknown as Graph, from, to);
  const hops = shortest ? shortest.length - 1 : Infinity;
  if (hops > Math.min(PATH_BOUND, count(options.maxHops))) return [];
  // Inner nodes of shortest paths are at most hops - 1 from the far end.
  const toEnd = undirectedSingleSourceLength(view.within(to, hops - 1) as unknown as Graph, to);

  const paths: GraphPath[] = [];
  const walk = (sequence: string[]): void => {
    const here = sequence[sequence.length - 1];
    if (here === to) {
      expand(sequence);
      return;
    }
    const step = sequence.length;
    const next = [...new Set(view.neighbors(here))]
      .filter((n) => (step === hops ? n === to : toEnd[n] === hops - step))
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
