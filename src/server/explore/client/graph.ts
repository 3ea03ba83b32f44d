import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import Sigma from 'sigma';
import { EdgeLineProgram, NodePointProgram } from 'sigma/rendering';
import { hooks, timed } from './hooks';

export type ExplorerGraph = Graph;

/** A label short enough to draw (the details panel has the whole of it). */
export function shortLabel(label: string, max = 48): string {
  return label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label;
}

export function newGraph(): Graph {
  return new Graph({ multi: true, type: 'mixed', allowSelfLoops: false });
}

/** A stable position for a node from its id, so that the same view always starts (and ends) the same. */
export function seedPosition(id: string, radius = 100): { x: number; y: number } {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  const angle = ((h >>> 0) % 3600) / 3600 * 2 * Math.PI;
  const r = radius * (0.2 + (((h >>> 12) % 1000) / 1000) * 0.8);
  return { x: Math.cos(angle) * r, y: Math.sin(angle) * r };
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export interface CanvasOptions {
  readonly edgeLabels?: boolean;
  /**
   * Draws nodes as WebGL points and edges as one-pixel lines (sigma's cheapest programs). On a
   * machine without a GPU, sigma's default circles and rectangles make each frame of 2,000 nodes
   * hold the page for 60-170 ms (WebGL runs in software); these keep a frame under 50 ms.
   */
  readonly fast?: boolean;
  readonly onClickNode?: (id: string) => void;
}

/**
 * One sigma renderer in the stage. ForceAtlas2 runs in slices of about 30 ms between frames, so a
 * neighbourhood of thousands of nodes lays out while the page stays responsive.
 */
export class GraphCanvas {
  readonly container: HTMLElement;
  renderer: Sigma | null = null;
  private run = 0;
  private worker: FA2Layout | null = null;
  private highlight: { nodes: Set<string>; edges: Set<string> } | null = null;
  private hovered: string | null = null;

  constructor(stage: HTMLElement, readonly graph: Graph, private readonly options: CanvasOptions = {}) {
    this.container = document.createElement('div');
    this.container.className = 'canvas';
    stage.append(this.container);
  }

  /** Draws the graph (its nodes need x and y). */
  draw(): void {
    this.renderer?.kill();
    const started = performance.now();
    const renderer = new Sigma(this.graph, this.container, {
      renderEdgeLabels: this.options.edgeLabels ?? false,
      labelRenderedSizeThreshold: this.graph.order > 400 ? 8 : this.graph.order > 100 ? 4 : 0,
      stagePadding: 40,
      // The renderer is set up before the page's layout may have sized the stage (an iframe still
      // loading its stylesheet): sigma then starts at 1 px and takes the real size at each render.
      allowInvalidContainer: true,
      defaultEdgeColor: '#cbd5e1',
      zIndex: true,
      ...(this.options.fast ? { nodeProgramClasses: { circle: NodePointProgram }, edgeProgramClasses: { line: EdgeLineProgram, arrow: EdgeLineProgram } } : {}),
      nodeReducer: (node, data) => {
        const res = { ...data };
        if (this.highlight && !this.highlight.nodes.has(node)) {
          res.color = '#e5e7eb';
          res.label = '';
          res.zIndex = 0;
        } else if (this.highlight) res.zIndex = 1;
        if (node === this.hovered) res.highlighted = true;
        return res;
      },
      edgeReducer: (edge, data) => {
        const res = { ...data };
        if (this.highlight) {
          if (this.highlight.edges.has(edge)) {
            res.color = '#dc2626';
            res.size = Math.max(3, (data.size as number) ?? 1);
            res.zIndex = 1;
          } else {
            res.color = '#f1f5f9';
            res.label = '';
            res.zIndex = 0;
          }
        }
        return res;
      },
    });
    renderer.on('clickNode', ({ node }) => this.options.onClickNode?.(node));
    renderer.on('enterNode', ({ node }) => {
      this.hovered = node;
      this.container.style.cursor = 'pointer';
      renderer.refresh({ skipIndexation: true });
    });
    renderer.on('leaveNode', () => {
      this.hovered = null;
      this.container.style.cursor = '';
      renderer.refresh({ skipIndexation: true });
    });
    this.renderer = renderer;
    timed('draw', performance.now() - started);
    this.expose();
  }

  /** Highlights some nodes and edges (the rest fade), or none. */
  setHighlight(nodes: Iterable<string> | null, edges: Iterable<string> = []): void {
    this.highlight = nodes ? { nodes: new Set(nodes), edges: new Set(edges) } : null;
    hooks.highlighted = this.highlight ? [...this.highlight.nodes] : [];
    this.renderer?.refresh({ skipIndexation: true });
  }

  /**
   * Runs ForceAtlas2 for `iterations` in slices that each take about `sliceMs`, refreshing between
   * them; a later call (or kill) stops an earlier one.
   */
  async layout(iterations: number, sliceMs = 30): Promise<void> {
    const run = ++this.run;
    if (this.graph.order < 2) return;
    const settings = { ...forceAtlas2.inferSettings(this.graph), barnesHutOptimize: this.graph.order > 250 };
    let done = 0;
    let per = this.graph.order > 500 ? 1 : 5;
    while (done < iterations) {
      const started = performance.now();
      forceAtlas2.assign(this.graph, { iterations: per, settings, getEdgeWeight: 'weight' });
      const took = performance.now() - started;
      done += per;
      timed('layoutSlice', took);
      per = Math.max(1, Math.min(iterations - done, Math.floor((per * sliceMs) / Math.max(took, 0.5))));
      const drawing = performance.now();
      this.renderer?.refresh();
      timed('redraw', performance.now() - drawing);
      await nextFrame();
      if (run !== this.run) return;
    }
  }

  /**
   * Runs ForceAtlas2 in a web worker for `ms` (graphology's supervisor) on a copy of the graph, and
   * copies the positions to the drawn graph every `everyMs`: the main thread only redraws a few
   * times a second, so a graph of thousands of nodes never holds the page for a frame per iteration.
   */
  async layoutInWorker(ms: number, everyMs = 500): Promise<void> {
    const run = ++this.run;
    this.worker?.kill();
    if (this.graph.order < 2) return;
    const copy = this.graph.copy();
    const settings = { ...forceAtlas2.inferSettings(copy), barnesHutOptimize: copy.order > 250 };
    const worker = new FA2Layout(copy, { settings, getEdgeWeight: 'weight' });
    this.worker = worker;
    const apply = () => {
      const started = performance.now();
      this.graph.updateEachNodeAttributes((node, attrs) => {
        if (copy.hasNode(node)) {
          const moved = copy.getNodeAttributes(node) as { x: number; y: number };
          attrs.x = moved.x;
          attrs.y = moved.y;
        }
        return attrs;
      }, { attributes: ['x', 'y'] });
      timed('positions', performance.now() - started);
    };
    worker.start();
    const ends = performance.now() + ms;
    while (performance.now() < ends && run === this.run) {
      await new Promise<void>((resolve) => setTimeout(resolve, Math.min(everyMs, Math.max(0, ends - performance.now()))));
      if (run === this.run) apply();
    }
    worker.kill();
    if (this.worker === worker) this.worker = null;
  }

  /** Where a node is drawn, in CSS pixels of the page (for tests, and for the tooltip). */
  nodePosition(id: string): { x: number; y: number } | null {
    if (!this.renderer || !this.graph.hasNode(id)) return null;
    const attrs = this.graph.getNodeAttributes(id) as { x: number; y: number };
    const at = this.renderer.graphToViewport({ x: attrs.x, y: attrs.y });
    const box = this.container.getBoundingClientRect();
    return { x: box.left + at.x, y: box.top + at.y };
  }

  expose(): void {
    hooks.nodeCount = this.renderer ? this.renderer.getGraph().order : 0;
    hooks.edgeCount = this.renderer ? this.renderer.getGraph().size : 0;
    hooks.nodePosition = (id: string) => this.nodePosition(id);
  }

  kill(): void {
    this.run++;
    this.worker?.kill();
    this.worker = null;
    this.renderer?.kill();
    this.renderer = null;
    this.container.remove();
  }
}
