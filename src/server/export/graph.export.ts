import Graph from 'graphology';
import { write as writeGexf } from 'graphology-gexf';
import type { Attributes } from 'graphology-types';
import { create } from 'xmlbuilder2';

/** The graph formats the exports write. */
export type GraphFormat = 'gexf' | 'graphml' | 'cyjs';

/** The theme network as `themeGraph` answers it. */
export interface ThemeNetworkAnswer {
  readonly nodes: readonly { readonly count: number; readonly theme: { readonly id: string; readonly slug: string; readonly name: string } }[];
  readonly edges: readonly { readonly source: string; readonly target: string; readonly count: number; readonly jaccard: number; readonly lift: number }[];
}

/** A neighbourhood as `neighborhood` answers it. */
export interface NeighborhoodAnswer {
  readonly truncated: boolean;
  readonly nodes: readonly { readonly id: string; readonly label: string; readonly type: string; readonly degree: number; readonly distance: number }[];
  readonly edges: readonly { readonly id: string; readonly source: string; readonly target: string; readonly type: string; readonly weight: number }[];
}

/** Returns the theme network as a graphology graph: nodes sized by publication count, edges weighted by count. */
export function themeNetworkGraph(answer: ThemeNetworkAnswer): Graph {
  const graph = new Graph({ type: 'undirected', multi: false });
  for (const { theme, count } of answer.nodes) graph.addNode(theme.id, { label: theme.name, slug: theme.slug, type: 'Theme', count, size: count });
  for (const e of answer.edges) {
    if (graph.hasNode(e.source) && graph.hasNode(e.target)) {
      graph.addUndirectedEdgeWithKey(`${e.source}|${e.target}`, e.source, e.target, { weight: e.count, count: e.count, jaccard: e.jaccard, lift: e.lift });
    }
  }
  return graph;
}

/** Returns a neighbourhood as a graphology graph, with the relationships' directions and types. */
export function neighborhoodGraph(answer: NeighborhoodAnswer): Graph {
  const graph = new Graph({ type: 'directed', multi: true });
  for (const n of answer.nodes) graph.addNode(n.id, { label: n.label, type: n.type, degree: n.degree, distance: n.distance });
  for (const e of answer.edges) {
    if (graph.hasNode(e.source) && graph.hasNode(e.target)) graph.addDirectedEdgeWithKey(e.id, e.source, e.target, { type: e.type, weight: e.weight, label: e.type });
  }
  return graph;
}

/** Returns the graph in a format: GEXF 1.3 (Gephi), GraphML (Cytoscape, yEd, networkx) or Cytoscape.js JSON. */
export function serializeGraph(graph: Graph, format: GraphFormat): string {
  switch (format) {
    case 'gexf':
      return writeGexf(graph, { version: '1.3' as never, pretty: false, pedantic: true, formatNode: gexfElement('node'), formatEdge: gexfElement('edge') });
    case 'graphml':
      return graphml(graph);
    case 'cyjs':
      return JSON.stringify(cytoscapeJson(graph));
  }
}

/**
 * How an element goes into GEXF: its label (and an edge's weight and kind) as GEXF's own XML
 * attributes, every other attribute as data (`<attvalue>`), none as `viz:` elements. graphology-gexf
 * would write `size`, `color`, `x`/`y`/`z`, `shape` and `thickness` as `<viz:size>` and so on, in
 * the viz namespace (http://gexf.net/1.3/viz) the GEXF 1.3 primer and RELAX NG grammar give them;
 * but the published GEXF 1.3 XML Schema (gexf.net/1.3/gexf.xsd, test/fixtures/gexf-1.3) declares
 * those elements in the GEXF namespace itself, so no document with a `viz:` element validates
 * against it (the RELAX NG grammar accepts them). Written as data, a theme's `size` (its publication
 * count, as `count` is) still reaches Gephi and graphology, and the file validates against the XML
 * Schema. `pedantic` keeps `<meta>` to the creator, description and keywords the schema allows.
 */
function gexfElement(kind: 'node' | 'edge') {
  return (_key: string, attributes: Attributes): { label?: string; weight?: number; kind?: string; attributes: Attributes } => {
    const out: { label?: string; weight?: number; kind?: string; attributes: Attributes } = { attributes: {} };
    for (const [name, value] of Object.entries(attributes)) {
      if (name === 'label') out.label = value;
      else if (kind === 'edge' && name === 'weight') out.weight = value;
      else if (kind === 'edge' && name === 'kind') out.kind = value;
      else out.attributes[name] = value;
    }
    return out;
  };
}

/** Cytoscape.js's JSON: `{ elements: { nodes: [{ data }], edges: [{ data }] } }`, ids as they are. */
export function cytoscapeJson(graph: Graph): { elements: { nodes: { data: Record<string, unknown> }[]; edges: { data: Record<string, unknown> }[] } } {
  const nodes: { data: Record<string, unknown> }[] = [];
  const edges: { data: Record<string, unknown> }[] = [];
  graph.forEachNode((id, attributes) => nodes.push({ data: { id, ...attributes } }));
  graph.forEachEdge((id, attributes, source, target) => edges.push({ data: { id, source, target, ...attributes } }));
  return { elements: { nodes, edges } };
}

/** The media type and file name of each graph format. */
export const GRAPH_MEDIA: Readonly<Record<GraphFormat, { readonly type: string; readonly file: string }>> = {
  gexf: { type: 'application/gexf+xml; charset=utf-8', file: 'graph.gexf' },
  graphml: { type: 'application/graphml+xml; charset=utf-8', file: 'graph.graphml' },
  cyjs: { type: 'application/json; charset=utf-8', file: 'graph.cyjs' },
};

/**
 * Returns the graph as GraphML (graphology-graphml only reads it): a `<key>` per attribute, typed
 * from its values (int, double, boolean or string), then the nodes and edges with their data.
 */
export function graphml(graph: Graph): string {
  type Kind = 'node' | 'edge';
  const keys = new Map<string, { kind: Kind; name: string; type: string }>();
  const note = (kind: Kind, attributes: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(attributes)) {
      const id = `${kind}_${name}`;
      const type = typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'double') : typeof value === 'boolean' ? 'boolean' : 'string';
      const known = keys.get(id);
      // A key holding both ints and doubles is a double; anything else mixed is a string.
      if (!known) keys.set(id, { kind, name, type });
      else if (known.type !== type) known.type = (known.type === 'int' && type === 'double') || (known.type === 'double' && type === 'int') ? 'double' : 'string';
    }
  };
  graph.forEachNode((_id, attributes) => note('node', attributes));
  graph.forEachEdge((_id, attributes) => note('edge', attributes));
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('http://graphml.graphdrawing.org/xmlns', 'graphml');
  for (const [id, key] of keys) root.ele('key', { id, for: key.kind, 'attr.name': key.name, 'attr.type': key.type });
  const g = root.ele('graph', { id: 'G', edgedefault: graph.type === 'undirected' ? 'undirected' : 'directed' });
  const data = (element: ReturnType<typeof g.ele>, kind: Kind, attributes: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(attributes)) if (value !== undefined && value !== null) element.ele('data', { key: `${kind}_${name}` }).txt(String(value));
  };
  graph.forEachNode((id, attributes) => data(g.ele('node', { id }), 'node', attributes));
  graph.forEachEdge((id, attributes, source, target) => data(g.ele('edge', { id, source, target }), 'edge', attributes));
  return root.end({ prettyPrint: false });
}
