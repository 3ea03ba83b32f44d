import type { Context, ViewHandle } from '../context';
import { showDownloads } from '../context';
import { hooks } from '../hooks';
import { publicationFilter, type Level } from '../state';
import { el, sparkline, type YearCount } from '../ui';

export const MATRIX = `query EvidenceGapMap($filter: PublicationFilterInput, $placeLevel: PlaceLevel!) {
  themeMatrix(filter: $filter, placeLevel: $placeLevel) {
    publicationCount
    rows { theme { id name trend { year count } } counts total }
    columns { total place { ... on Country { id name } ... on Region { id name } } }
  }
}`;

interface Answer {
  themeMatrix: {
    publicationCount: number;
    rows: Array<{ theme: { id: string; name: string; trend: YearCount[] }; counts: number[]; total: number }>;
    columns: Array<{ total: number; place: { id: string; name: string } }>;
  };
}

const LEVEL_NAMES: Record<Level, string> = { COUNTRY: 'countries', SUBREGION: 'sub-regions', REGION: 'regions' };

/** A colour from white to dark amber for a share of the largest count. */
function shade(share: number): string {
  const t = Math.sqrt(Math.max(0, Math.min(1, share)));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(254, 146)},${mix(243, 64)},${mix(199, 14)})`;
}

/**
 * The evidence-gap map: themes × places at an M49 level, a heatmap whose zero cells are marked
 * as gaps. Every theme is a row; places with no publication under the filters are left out (they
 * would be all gap). Clicking
 * a cell lists its publications.
 */
export async function matrixView(ctx: Context): Promise<ViewHandle> {
  const s = ctx.state;
  const level = el('select', { name: 'level' }, ...(['COUNTRY', 'SUBREGION', 'REGION'] as Level[]).map((l) => el('option', { value: l, selected: s.level === l }, LEVEL_NAMES[l])));
  level.addEventListener('change', () => ctx.navigate({ level: level.value as Level, selected: null }));
  ctx.controls.replaceChildren(el('label', {}, 'Places: ', level));
  const filter = publicationFilter(s);
  const filterParam = filter ? JSON.stringify(filter) : null;
  showDownloads(ctx, [
    { label: 'Matrix CSV', file: 'matrix.csv', params: { filter: filterParam, placeLevel: s.level } },
    { label: 'Publications CSV', file: 'publications.csv', params: { filter: filterParam, hxl: '1' } },
  ]);

  const { themeMatrix: m } = await ctx.api.send<Answer>(MATRIX, { filter, placeLevel: s.level });
  const kept = m.columns.map((c, i) => ({ ...c, index: i })).filter((c) => c.total > 0);
  // Every theme is a row: a theme with no publication at these places is a gap too.
  const rows = m.rows;
  const max = Math.max(1, ...rows.flatMap((r) => kept.map((c) => r.counts[c.index] ?? 0)));
  const table = el('table', { class: 'matrix' });
  table.append(el('thead', {}, el('tr', {}, el('th', {}, ''), el('th', {}, 'trend'), ...kept.map((c) => el('th', { title: c.place.name, 'data-place': c.place.id }, c.place.name)), el('th', { class: 'total' }, 'all'))));
  const body = el('tbody');
  let gaps = 0;
  let selectedCell: HTMLElement | null = null;
  for (const r of rows) {
    const tr = el('tr', {}, el('th', { 'data-theme': r.theme.id }, r.theme.name), el('td', { class: 'total' }, sparkline(r.theme.trend, s.yearFrom, s.yearTo, 60, 16)));
    for (const c of kept) {
      const count = r.counts[c.index] ?? 0;
      const cell = el('td', { 'data-theme': r.theme.id, 'data-place': c.place.id, 'data-count': count, title: `${r.theme.name} × ${c.place.name}: ${count === 0 ? 'no publication (a gap)' : `${count} publication${count === 1 ? '' : 's'}`}` }, count ? String(count) : '0');
      if (count === 0) {
        cell.className = 'gap';
        gaps++;
      } else cell.style.background = shade(count / max);
      cell.addEventListener('click', () => {
        selectedCell?.classList.remove('selected');
        cell.classList.add('selected');
        selectedCell = cell;
        const key = s.level === 'COUNTRY' ? 'countries' : 'regions';
        ctx.remember({ selected: `${r.theme.id}|${c.place.id}` });
        void ctx.details(r.theme.id, { [key]: [c.place.id] }, `${r.theme.name} × ${c.place.name}`);
      });
      tr.append(cell);
    }
    tr.append(el('td', { class: 'total' }, String(r.total)));
    body.append(tr);
  }
  body.append(el('tr', {}, el('th', { class: 'total' }, 'all themes'), el('td', { class: 'total' }, ''), ...kept.map((c) => el('td', { class: 'total' }, String(c.total))), el('td', { class: 'total' }, String(m.publicationCount))));
  table.append(body);
  const wrap = el('div', { class: 'matrix-wrap' }, table);
  ctx.stage.append(wrap);
  hooks.gapCount = gaps;
  hooks.nodeCount = 0;
  hooks.edgeCount = 0;
  ctx.side.replaceChildren(
    el('h2', {}, `${rows.length} themes × ${kept.length} ${LEVEL_NAMES[s.level]}`),
    el('p', {}, `${m.publicationCount} publications; `, el('strong', {}, `${gaps} gaps`), ' (hatched: no publication on that theme there).'),
    el('p', { class: 'muted' }, `${m.columns.length - kept.length} ${LEVEL_NAMES[s.level]} with no publication under these filters are not shown (they would be all gap). Click a cell for its publications.`),
  );
  if (s.selected?.includes('|')) {
    const [theme, place] = s.selected.split('|');
    (body.querySelector(`td[data-theme="${CSS.escape(theme ?? '')}"][data-place="${CSS.escape(place ?? '')}"]`) as HTMLElement | null)?.click();
  }
  ctx.ready();
  return { destroy: () => wrap.remove() };
}
