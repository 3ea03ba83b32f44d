import type { GraphNode, NodeType, Region } from '../../domain/node.types';
import type { Row } from './neo4j.runner';
import { toGraphNode } from './node.mapper';

const LEVEL_RANK: Readonly<Record<string, number>> = { INTERMEDIATE: 0, SUBREGION: 1, REGION: 2 };
/** The place tree is at most this deep (as region-chain-of.cypher walks it). */
const MAX_DEPTH = 7;

/**
 * Countries, regions and themes and the place tree between them, as read by
 * `reference-nodes.cypher` with the graph version it was read at: what the Neo4j adapter answers
 * from memory while that version has not moved (reference-cache.ts).
 */
export class ReferenceSnapshot {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly parents = new Map<string, string[]>();
  /** The graph version read with the rows (0 when they carry none). */
  readonly version: number = 0;

  constructor(rows: readonly Row[]) {
    for (const row of rows) {
      const props = row.props as Record<string, unknown>;
      if (row.type === 'GraphVersion') {
        this.version = Number(props.version ?? 0);
      } else if (row.type === 'PlaceParent') {
        const child = props.child as string;
        this.parents.set(child, [...(this.parents.get(child) ?? []), props.parent as string]);
      } else {
        const node = toGraphNode(row.type as NodeType, props);
        this.nodes.set(node.id, node);
      }
    }
  }

  /** Returns the country, region or theme with this id, if the snapshot has it. */
  node(id: string): GraphNode | undefined {
    return this.nodes.get(id);
  }

  /**
   * Returns the enclosing M49 areas of a country or region exactly as region-chain-of.cypher does:
   * every region up to MAX_DEPTH steps above it, custom regions skipped, innermost level first
   * (INTERMEDIATE, SUBREGION, REGION, WORLD), ties by id; [] for an id the snapshot lacks.
   */
  regionChain(id: string): Region[] {
    const found = new Set<string>();
    let level = [id];
    for (let depth = 0; depth < MAX_DEPTH && level.length; depth++) {
      level = level.flatMap((x) => this.parents.get(x) ?? []).filter((p) => !found.has(p) && !!found.add(p));
    }
    return [...found]
      .map((r) => this.nodes.get(r))
      .filter((r): r is Region => r?.type === 'Region' && r.level !== 'CUSTOM')
      .sort((a, b) => (LEVEL_RANK[a.level] ?? 3) - (LEVEL_RANK[b.level] ?? 3) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
