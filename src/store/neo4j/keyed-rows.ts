import { nodeTypeOf, type GraphNode, type NodeType } from '../../domain/node.types';
import type { Row } from './neo4j.runner';
import { toGraphNode } from './node.mapper';

type Props = Record<string, unknown>;

/** Returns the distinct ids, in first-seen order, so a statement never answers one key twice. */
export function distinct(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/**
 * Returns a map with an entry for every asked id: the statement's answer read from its row's
 * `items`, or `empty()` for ids the statement returned no row for (unknown ids, no links).
 */
export function byKey<T>(ids: readonly string[], rows: readonly Row[], read: (items: unknown[]) => T, empty: () => T): Map<string, T> {
  const answered = new Map(rows.map((row) => [row.id as string, row]));
  return new Map(distinct(ids).map((id) => {
    const row = answered.get(id);
    return [id, row ? read((row.items as unknown[]) ?? []) : empty()];
  }));
}

/** Returns `{id, kind}` for each distinct id whose prefix is one of `kinds`; other ids cannot match and are left out. */
export function keysOfKinds(ids: readonly string[], kinds: readonly NodeType[]): { id: string; kind: NodeType }[] {
  return distinct(ids).flatMap((id) => {
    const kind = nodeTypeOf(id);
    return kind && kinds.includes(kind) ? [{ id, kind }] : [];
  });
}

/** Returns a reader of one node type's projected properties. */
export function nodeOf<T extends GraphNode>(type: T['type']): (props: unknown) => T {
  return (props) => toGraphNode(type, props as Props) as T;
}

/** Returns the node of a `{type, props}` item, for statements whose items mix labels. */
export function typedNode<T extends GraphNode>(item: unknown): T {
  const { type, props } = item as { type: NodeType; props: Props };
  return toGraphNode(type, props) as T;
}

/** Returns a reader of `{node, count}` items holding one node type. */
export function countedOf<T extends GraphNode>(type: T['type']): (item: unknown) => { node: T; count: number } {
  const read = nodeOf<T>(type);
  return (item) => {
    const { node, count } = item as { node: Props; count: number };
    return { node: read(node), count };
  };
}
