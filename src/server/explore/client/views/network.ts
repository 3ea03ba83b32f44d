import type { Context, ViewHandle } from '../context';
import { showDownloads } from '../context';
import { GraphCanvas, newGraph, seedPosition } from '../graph';
import { publicationFilter } from '../state';
import { el, sparkline, type YearCount } from '../ui';

export const THEME_NETWORK = `query ThemeNetwork($filter: PublicationFilterInput, $minCount: Int!) {
  themeGraph(filter: $filter, minCount: $minCount) {
    nodes { count theme { id name trend { year count } } }
    edges { source target count lift jaccard }
  }
}`;

interface Answer {
  themeGraph: {
    nodes: Array<{ count: number; theme: { id: string; name: string; trend: YearCount[] } }>;
    edges: Array<{ source: string; target: string; count: number; lift: number; jaccard: number }>;
  };
}

/**
 * The theme network: themes sized by their publications under the filters, joined by
 * co-occurrence weighted by lift or Jaccard (a toggle), laid out with ForceAtlas2. Clicking a
 * theme opens its neighbourhood.
 */
export async function networkView(ctx: Context): Promise<ViewHandle> {
  const s = ctx.state;
  const filter = publicationFilter(s);
  const weightToggle = el('label', {}, 'Edge weight ', el('select', { name: 'weight' }, el('option', { value: 'lift', selected: s.weight === 'lift' }, 'lift'), el('option', { value: 'jaccard', selected: s.weight === 'jaccard' }, 'Jaccard')));
  const minCount = el('label', {}, 'Min. shared ', el('input', { name: 'minCount', type: 'number', min: 1, value: s.minCount, style: 'width:4em' }));
  weightToggle.querySelector('select')!.addEventListener('change', (e) => ctx.navigate({ weight: (e.target as HTMLSelectElement).value as 'lift' | 'jaccard' }));
  minCount.querySelector('input')!.addEventListener('change', (e) => ctx.navigate({ minCount: Math.max(1, Number((e.target as HTMLInputElement).value) || 1) }));
  ctx.controls.replaceChildren(weightToggle, minCount);
  const filterParam = filter ? JSON.stringify(filter) : null;
  showDownloads(ctx, [
    { label: 'GEXF (Gephi)', file: 'graph.gexf', params: { filter: filterParam, minCount: String(s.minCount) } },
    { label: 'GraphML', file: 'graph.graphml', params: { filter: filterParam, minCount: String(s.minCount) } },
    { label: 'Cytoscape JSON', file: 'graph.cyjs', params: { filter: filterParam, minCount: String(s.minCount) } },
    { label: 'Publications CSV', file: 'publications.csv', params: { filter: filterParam, hxl: '1' } },
  ]);

  const asked = ctx.api.send<Answer>(THEME_NETWORK, { filter, minCount: s.minCount });
  // The renderer is set up (its WebGL programs compiled) while the API answers, in a task of its
  // own; the graph is filled and laid out in one task, so the first frame has the final positions.
  const graph = newGraph();
  const canvas = new GraphCanvas(ctx.stage, graph, { onClickNode: (id) => ctx.navigate({ view: 'neighborhood', ids: [id], selected: id }, true) });
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  canvas.draw();
  const answer = await asked.catch((err: unknown) => { canvas.kill(); throw err; });
  const { nodes, edges } = answer.themeGraph;
  const maxCount = Math.max(1, ...nodes.map((n) => n.count));
  for (const n of nodes) {
    graph.addNode(n.theme.id, { label: `${n.theme.name} (${n.count})`, size: 4 + 18 * Math.sqrt(n.count / maxCount), color: '#b45309', ...seedPosition(n.theme.id) });
  }
  const weightOf = (e: Answer['themeGraph']['edges'][number]) => (s.weight === 'lift' ? e.lift : e.jaccard);
  const maxWeight = Math.max(1e-9, ...edges.map(weightOf));
  for (const e of edges) {
    if (!graph.hasNode(e.source) || !graph.hasNode(e.target)) continue;
    const w = weightOf(e);
    graph.addUndirectedEdgeWithKey(`${e.source}~${e.target}`, e.source, e.target, { weight: w, size: 0.5 + 5 * (w / maxWeight), label: `${e.count} shared · lift ${e.lift.toFixed(2)} · Jaccard ${e.jaccard.toFixed(2)}` });
  }
  // A theme network is small (tens of themes): it is laid out before its first frame.
  await canvas.layout(graph.order > 300 ? 100 : 300, 1000);
  canvas.expose();

  const list = el('ul', { class: 'theme-list' });
  for (const n of [...nodes].sort((a, b) => b.count - a.count || a.theme.name.localeCompare(b.theme.name))) {
    const item = el('li', { 'data-id': n.theme.id, title: 'publications per year (all regions and scopes)' }, el('span', {}, `${n.theme.name} `, el('span', { class: 'muted' }, String(n.count))), sparkline(n.theme.trend, s.yearFrom, s.yearTo));
    item.addEventListener('click', () => {
      canvas.setHighlight([n.theme.id, ...graph.neighbors(n.theme.id)], graph.edges(n.theme.id));
      ctx.remember({ selected: n.theme.id });
      void ctx.details(n.theme.id);
    });
    list.append(item);
  }
  ctx.side.replaceChildren(el('h2', {}, `${nodes.length} themes, ${edges.length} links`), el('p', { class: 'muted' }, 'Click a theme to open its neighbourhood; a name below to see its publications.'), list);
  if (s.selected && graph.hasNode(s.selected)) {
    canvas.setHighlight([s.selected, ...graph.neighbors(s.selected)], graph.edges(s.selected));
    void ctx.details(s.selected);
  }
  ctx.ready();
  return { destroy: () => canvas.kill() };
}
