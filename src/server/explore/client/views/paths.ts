import type { Context, ViewHandle } from '../context';
import { GraphCanvas, newGraph, shortLabel } from '../graph';
import { el, legend, TYPE_COLOURS, typeOf } from '../ui';

export const PATHS = `query Paths($from: ID!, $to: ID!, $first: Int!, $maxHops: Int!) {
  paths(from: $from, to: $to, first: $first, maxHops: $maxHops) {
    length
    nodes {
      id
      ... on Theme { name }
      ... on Country { name }
      ... on Region { name }
      ... on Author { name }
      ... on Publication { title }
    }
    relationships { source target type direction evidence score }
  }
}`;

const SUGGEST = `query Suggest($prefix: String!) { suggest(prefix: $prefix, first: 8) { id label type } }`;

interface Answer {
  paths: Array<{
    length: number;
    nodes: Array<{ id: string; name?: string; title?: string }>;
    relationships: Array<{ source: string; target: string; type: string; direction: string; evidence: string[] | null; score: number | null }>;
  }>;
}

const labelOf = (n: { id: string; name?: string; title?: string }) => n.name ?? n.title ?? n.id;

/** An id box with typeahead from `suggest`: type a name, pick it, and the id is used. */
function nodeInput(ctx: Context, name: string, value: string | null, placeholder: string): { input: HTMLInputElement; list: HTMLDataListElement } {
  const listId = `suggest-${name}`;
  const input = el('input', { name, value: value ?? '', placeholder, list: listId, size: 28, autocomplete: 'off' });
  const list = el('datalist', { id: listId });
  let timer = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const prefix = input.value.trim();
    if (prefix.length < 2 || prefix.includes(':')) return;
    timer = window.setTimeout(async () => {
      try {
        const data = await ctx.api.send<{ suggest: Array<{ id: string; label: string; type: string }> }>(SUGGEST, { prefix }, false);
        list.replaceChildren(...data.suggest.map((s) => el('option', { value: s.id }, `${s.label} (${s.type})`)));
      } catch (err) {
        ctx.fail(err);
      }
    }, 200);
  });
  return { input, list };
}

/**
 * The path finder: the shortest paths between two nodes, drawn as lanes from left to right; the
 * picked path is highlighted, and each of its steps lists the evidence behind it.
 */
export async function pathsView(ctx: Context): Promise<ViewHandle> {
  const s = ctx.state;
  const { input: from, list: fromList } = nodeInput(ctx, 'from', s.from, 'from, e.g. Theme:gangs');
  const { input: to, list: toList } = nodeInput(ctx, 'to', s.to, 'to, e.g. Country:BD');
  const go = el('button', { type: 'button' }, 'Find paths');
  go.addEventListener('click', () => ctx.navigate({ from: from.value.trim() || null, to: to.value.trim() || null, selected: null }, true));
  ctx.controls.replaceChildren(from, fromList, el('span', {}, '→'), to, toList, go);
  ctx.downloads.replaceChildren();
  if (!s.from || !s.to) {
    ctx.side.replaceChildren(el('p', {}, 'Give two nodes: a theme, country, region, author or publication (type a name and pick it).'));
    ctx.ready();
    return { destroy: () => undefined };
  }
  const answer = await ctx.api.send<Answer>(PATHS, { from: s.from, to: s.to, first: 5, maxHops: 4 });
  const graph = newGraph();
  const edgeKeys: string[][] = [];
  answer.paths.forEach((path, lane) => {
    const keys: string[] = [];
    path.nodes.forEach((n, step) => {
      if (!graph.hasNode(n.id)) {
        const type = typeOf(n.id);
        const middle = step > 0 && step < path.nodes.length - 1;
        graph.addNode(n.id, { label: shortLabel(labelOf(n), 36), color: TYPE_COLOURS[type] ?? '#999', size: middle ? 8 : 12, x: step * 100, y: middle ? (lane - (answer.paths.length - 1) / 2) * 60 : 0, nodeType: type });
      }
    });
    path.relationships.forEach((r, i) => {
      const key = `${lane}:${i}:${r.source}>${r.target}`;
      const evidence = r.evidence?.length ? ` · ${r.evidence.slice(0, 3).join(', ')}` : '';
      graph.addDirectedEdgeWithKey(key, r.source, r.target, { label: `${r.type}${evidence}`, size: 2, weight: 1 });
      keys.push(key);
    });
    edgeKeys.push(keys);
  });
  const canvas = new GraphCanvas(ctx.stage, graph, { edgeLabels: true, onClickNode: (id) => void ctx.details(id) });
  canvas.draw();
  ctx.stage.append(legend([...new Set(graph.mapNodes((_n, a) => a.nodeType as string))].sort()));

  const list = el('ol', { class: 'paths' });
  const pick = (index: number) => {
    const path = answer.paths[index];
    if (!path) return;
    canvas.setHighlight(path.nodes.map((n) => n.id), edgeKeys[index]);
    list.querySelectorAll('li').forEach((li, i) => li.classList.toggle('on', i === index));
    ctx.remember({ selected: String(index) });
  };
  answer.paths.forEach((path, index) => {
    const names = new Map(path.nodes.map((n) => [n.id, labelOf(n)]));
    const item = el('li', { 'data-index': index }, el('a', { href: '#' }, `${path.length} hop${path.length === 1 ? '' : 's'}: ${path.nodes.map(labelOf).join(' → ')}`));
    for (const r of path.relationships) {
      const evidence = r.evidence?.length ? `evidence: “${r.evidence.join('”, “')}”` : r.score !== null ? `score ${r.score.toFixed(2)}` : '';
      item.append(el('span', { class: 'step' }, `${names.get(r.source) ?? r.source} —${r.type}→ ${names.get(r.target) ?? r.target}`, evidence ? el('span', { class: 'evidence' }, ` ${evidence}`) : null));
    }
    item.querySelector('a')!.addEventListener('click', (event) => {
      event.preventDefault();
      pick(index);
    });
    list.append(item);
  });
  ctx.side.replaceChildren(el('h2', {}, answer.paths.length ? `${answer.paths.length} shortest path${answer.paths.length === 1 ? '' : 's'}` : 'No path within 4 hops'), list);
  pick(Math.min(Number(s.selected ?? 0) || 0, Math.max(0, answer.paths.length - 1)));
  ctx.ready();
  return { destroy: () => canvas.kill() };
}
