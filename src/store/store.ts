import type { GraphNode, NodeType } from '../domain/node.types';
import type { ImportSummary, PublicationRecord, ReferenceData } from '../domain/import.types';

/** Relationship types of the graph model (see the README's diagram). */
export const RELATIONSHIP_TYPES = ['AUTHORED_BY', 'COVERS', 'MENTIONS', 'ABOUT', 'IN_REGION', 'PART_OF', 'BROADER'] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/** How many nodes of each label and relationships of each type the graph holds. */
export interface GraphCounts {
  readonly nodes: Record<NodeType, number>;
  readonly relationships: Record<RelationshipType, number>;
}

/** Options of one import. */
export interface ImportOptions {
  /** Compute the summary without writing anything. */
  readonly dryRun?: boolean;
  /** Called as publications are written, for progress bars. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * The port every consumer (GraphQL resolvers, the CLI) uses to reach the graph. Adapters:
 * `neo4j/` (Neo4j over Bolt) and `memory/` (the embedded default). Every method is batched:
 * it takes many keys and answers them in one round trip, so callers never loop over it.
 */
export interface GraphStore {
  /** Which adapter this is, for logs. */
  readonly kind: 'neo4j' | 'memory';

  /** Returns the nodes with these ids, in the same order, with null for unknown ids. */
  getNodes(ids: readonly string[]): Promise<(GraphNode | null)[]>;

  /**
   * Writes the reference data and the publications in one atomic unit: either all of it is
   * stored or none. Re-importing an unchanged record changes nothing; an edited record is
   * updated and loses the links it no longer has.
   */
  importPublications(records: readonly PublicationRecord[], reference: ReferenceData, options?: ImportOptions): Promise<ImportSummary>;

  /** Returns the node and relationship counts of the whole graph. */
  counts(): Promise<GraphCounts>;

  /** Releases connections and memory. */
  close(): Promise<void>;
}
