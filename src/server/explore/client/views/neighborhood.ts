import type { Context, ViewHandle } from '../context';
import { showDownloads } from '../context';
import { GraphCanvas, newGraph, seedPosition, shortLabel, type ExplorerGraph } from '../graph';
import { hooks } from '../hooks';
import { el, legend, TYPE_COLOURS } from '../ui';

export const NEIGHBOURHOOD = `query Neighbourhood($ids: [ID!]!, $depth: Int!, $limit: Int!) {
  neighborhood(ids: $ids, depth: $depth, limit: $limit) {
    truncated
    nodes { id label type degree distance }
    edges { id source target type weight }
  }
}`;

interface Answer {
  neighborhood: {
    truncated: boolean;
    nodes: Array<{ id: string; label: string; type: string; degree: number; distance: number }>;
    edges: Array<{ id: string; source: string; target: string; type: string; weight: number }>;
  };
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
/** Nodes or edges added to the drawn graph between two frames. */
const BATCH = 200;

/**
 * Adds what the API answered to the drawn graph, a batch per frame (the renderer redraws after
 * each); new nodes start beside a drawn neighbour.
 */
async function merge(graph: ExplorerGraph, answer: Answer['neighborhood'], seeds: ReadonlySet<string>): Promise<number> {
  let added = 0;
  const near = new Map<string, string>();
  for (const e of answer.edges) {
    if (graph.hasNode(e.source) && !graph.hasNode(e.target)) near.set(e.target, e.source);
    if (graph.hasNode(e.target) && !graph.hasNode(e.source)) near.set(e.source, e.target);
  }
  let batch = 0;
  for (const n of answer.nodes) {
    if (++batch % BATCH === 0) await nextFrame();
    const attrs = { label: shortLabel(n.label), nodeType: n.type, color: TYPE_COLOURS[n.type] ?? '#999', size: (seeds.has(n.id) ? 7 : 3) + Math.min(10, 1.5 * Math.log2(1 + n.degree)), distance: n.distance };
    if (graph.hasNode(n.id)) {
      graph.mergeNodeAttributes(n.id, { size: attrs.size, distance: Math.min(n.distance, graph.getNodeAttribute(n.id, 'distance') as number) });
      continue;
    }
    const anchor = near.get(n.id);
    const base = anchor ? (graph.getNodeAttributes(anchor) as { x: number; y: number }) : { x: 0, y: 0 };
    const jitter = seedPosition(n.id, anchor ? 15 : 30 + 40 * n.distance);
    graph.addNode(n.id, { ...attrs, x: base.x + jitter.x, y: base.y + jitter.y });
    added++;
  }
  for (const e of answer.edges) {
    if (++batch % BATCH === 0) await nextFrame();
    if (graph.hasEdge(e.id) || !graph.hasNode(e.source) || !graph.hasNode(e.target) || e.source === e.target) continue;
    graph.addDirectedEdgeWithKey(e.id, e.source, e.target, { weight: Math.max(0.05, e.weight), size: 0.5, relation: e.type });
  }
  return added;
}

/**
 * The neighbourhood of some nodes (`ids` in the URL): clicking a node expands it (its id joins
 * the seeds, and what is new is added beside it) and lists its publications with their evidence.
 */
export async function neighbourhoodView(ctx: Context): Promise<ViewHandle> {
  const s = ctx.state;
  const ids = [...s.ids];
  const depthSelect = el('select', { name: 'depth' }, ...[1, 2, 3].map((d) => el('option', { value: d, selected: s.depth === d }, String(d))));
  depthSelect.addEventListener('change', () => ctx.navigate({ depth: Number(depthSelect.value) }));
  const limitSelect = el('select', { name: 'limit' }, ...[100, 300, 1000, 2000].map((n) => el('option', { value: n, selected: s.limit === n }, String(n))));
  limitSelect.addEventListener('change', () => ctx.navigate({ limit: Number(limitSelect.value) }));
  ctx.controls.replaceChildren(el('label', {}, 'Depth ', depthSelect), el('label', {}, 'At most ', limitSelect, ' nodes'));
  const downloads = () => showDownloads(ctx, [
    { label: 'GEXF (Gephi)', file: 'graph.gexf', params: { ids: ids.join(','), depth: String(s.depth) } },
    { label: 'GraphML', file: 'graph.graphml', params: { ids: ids.join(','), depth: String(s.depth) } },
    { label: 'Cytoscape JSON', file: 'graph.cyjs', params: { ids: ids.join(','), depth: String(s.depth) } },
  ]);
  downloads();
  if (!ids.length) {
    ctx.side.replaceChildren(el('p', {}, 'Pick a node in the theme network, or give ids in the address (ids=Theme:gangs).'));
    ctx.ready();
    return { destroy: () => undefined };
  }

  const graph = newGraph();
  const seeds = new Set(ids);
  const fetchAll = () => ctx.api.send<Answer>(NEIGHBOURHOOD, { ids, depth: s.depth, limit: s.limit });
  const status = el('p', { class: 'muted' });
  const describe = (truncated: boolean) => {
    status.textContent = `${graph.order} nodes, ${graph.size} links${truncated ? ` (cut at ${s.limit}: raise "At most")` : ''}. Click a node to expand it.`;
  };
  let busy = false;
  const canvas: GraphCanvas = new GraphCanvas(ctx.stage, graph, {
    fast: true,
    onClickNode: (id) => {
      void ctx.details(id);
      ctx.remember({ selected: id });
      if (busy || seeds.has(id)) return;
      busy = true;
      hooks.ready = false;
      seeds.add(id);
      ids.push(id);
      ctx.remember({ ids: [...ids], selected: id });
      downloads();
      fetchAll()
        .then(async (answer) => {
          await merge(graph, answer.neighborhood, seeds);
          graph.setNodeAttribute(id, 'size', (graph.getNodeAttribute(id, 'size') as number) + 4);
          canvas.expose();
          describe(answer.neighborhood.truncated);
          relegend();
          ctx.ready();
          await canvas.layoutInWorker(1500);
        })
        .catch((err) => ctx.fail(err))
        .finally(() => { busy = false; });
    },
  });
  // The renderer is set up (its WebGL programs compiled) while the API answers, in a task of its
  // own (not the one that runs this script), then filled a batch per frame.
  const asked = fetchAll();
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  canvas.draw();
  const first = await asked.catch((err: unknown) => { canvas.kill(); throw err; });
  await merge(graph, first.neighborhood, seeds);
  canvas.expose();
  describe(first.neighborhood.truncated);
  let key = legend([]);
  const relegend = () => {
    const next = legend([...new Set(graph.mapNodes((_n, a) => a.nodeType as string))].sort());
    key.replaceWith(next);
    key = next;
  };
  ctx.stage.append(key);
  relegend();
  ctx.side.replaceChildren(status);
  if (s.selected) void ctx.details(s.selected);
  else if (ids[0]) void ctx.details(ids[0]);
  // Drawn first, then laid out by ForceAtlas2 in a web worker, so a large neighbourhood never freezes the page.
  ctx.ready();
  void canvas.layoutInWorker(Math.min(6000, 1500 + 2 * graph.order)).then(() => { hooks.laidOutAt = Math.round(performance.now()); });
  return { destroy: () => canvas.kill() };
}
