import { MultiDirectedGraph } from 'graphology';
import type { CuratorMark } from '../../domain/curation.types';
import type { GraphNode } from '../../domain/node.types';
import type { RelationshipKind, RelationshipProperties } from '../../domain/query.types';

/** What an edge of the memory graph carries: its relationship type and the properties Neo4j stores on it. */
export interface EdgeAttributes extends RelationshipProperties {
  readonly type: RelationshipKind;
  /** On an ABOUT link a curator CONFIRMED: who, when and why (never among the properties reads project). */
  readonly curator?: CuratorMark;
  /** On an ABOUT link: who wrote it and when (the import, the retag or the curator). */
  readonly by?: string;
  readonly at?: string;
}

/**
 * The knowledge graph in memory: one node per id (attributes: the domain node itself) and one
 * directed edge per relationship, as Neo4j stores them. A multigraph, because Neo4j would create a
 * relationship twice when a record lists a link twice, and the memory store answers as it would.
 */
export type KnowledgeGraph = MultiDirectedGraph<GraphNode, EdgeAttributes>;

/** Returns an empty knowledge graph. */
export function createKnowledgeGraph(): KnowledgeGraph {
  return new MultiDirectedGraph<GraphNode, EdgeAttributes>({ allowSelfLoops: false });
}

/** One relationship read off the graph: the edge's ends and attributes. */
export interface Link {
  readonly source: string;
  readonly target: string;
  readonly attributes: EdgeAttributes;
}

/** Returns a node's outgoing relationships of one type, in the order they were written. */
export function outLinks(graph: KnowledgeGraph, id: string, type: RelationshipKind): Link[] {
  const out: Link[] = [];
  if (!graph.hasNode(id)) return out;
  graph.forEachOutEdge(id, (_edge, attributes, source, target) => {
    if (attributes.type === type) out.push({ source, target, attributes });
  });
  return out;
}

/** Returns the targets of a node's outgoing relationships of one type, one per relationship. */
export function targetsOf(graph: KnowledgeGraph, id: string, type: RelationshipKind): string[] {
  return outLinks(graph, id, type).map((l) => l.target);
}

/** Returns the sources of a node's incoming relationships of one type, one per relationship. */
export function sourcesOf(graph: KnowledgeGraph, id: string, type: RelationshipKind): string[] {
  const out: string[] = [];
  if (!graph.hasNode(id)) return out;
  graph.forEachInEdge(id, (_edge, attributes, source) => {
    if (attributes.type === type) out.push(source);
  });
  return out;
}

/** Returns the properties a relationship exposes, as Neo4j's statements project them (ABOUT: score and evidence; AUTHORED_BY: position). */
export function relationshipProperties(attributes: EdgeAttributes): RelationshipProperties {
  if (attributes.type === 'ABOUT') return { score: attributes.score, evidence: [...(attributes.evidence ?? [])] };
  if (attributes.type === 'AUTHORED_BY') return { position: attributes.position };
  return {};
}
