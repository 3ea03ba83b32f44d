/** Small DOM helpers: elements, sparklines and the lists the side panel shows. */

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | null | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

export interface YearCount {
  readonly year: number;
  readonly count: number;
}

const SVG = 'http://www.w3.org/2000/svg';

/** A sparkline (one bar per year) of counts over [from, to] or the years present, with the counts in its title. */
export function sparkline(points: readonly YearCount[], from: number | null, to: number | null, width = 80, height = 18): SVGSVGElement {
  const kept = points.filter((p) => (from === null || p.year >= from) && (to === null || p.year <= to));
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const title = document.createElementNS(SVG, 'title');
  const years = kept.map((p) => p.year);
  const lo = from ?? (years.length ? Math.min(...years) : 0);
  const hi = to ?? (years.length ? Math.max(...years) : 0);
  title.textContent = kept.length ? `${lo}–${hi}: ${kept.map((p) => `${p.year}: ${p.count}`).join(', ')}` : 'no publications in these years';
  svg.append(title);
  if (!kept.length || hi < lo) return svg;
  const byYear = new Map(kept.map((p) => [p.year, p.count]));
  const span = Math.min(hi - lo, 200) + 1;
  const max = Math.max(...kept.map((p) => p.count), 1);
  const step = width / span;
  for (let i = 0; i < span; i++) {
    const count = byYear.get(lo + i) ?? 0;
    if (!count) continue;
    const h = Math.max(2, (count / max) * (height - 1));
    const bar = document.createElementNS(SVG, 'rect');
    bar.setAttribute('x', (i * step + step * 0.1).toFixed(1));
    bar.setAttribute('y', (height - h).toFixed(1));
    bar.setAttribute('width', Math.max(1, step * 0.8).toFixed(1));
    bar.setAttribute('height', h.toFixed(1));
    bar.setAttribute('fill', '#b45309');
    svg.append(bar);
  }
  return svg;
}

export interface ListedPublication {
  readonly id: string;
  readonly title: string;
  readonly year: number | null;
  readonly themes: ReadonlyArray<{ theme: { id: string; name: string }; evidence: string[]; score: number }>;
}

/** Publications with the evidence that tagged them: all of it, or that of one theme first. */
export function publicationList(items: readonly ListedPublication[], focusTheme: string | null, onPick: (id: string) => void): HTMLElement {
  const list = el('ol', { class: 'publications' });
  for (const p of items) {
    const themes = focusTheme ? [...p.themes].sort((a, b) => Number(b.theme.id === focusTheme) - Number(a.theme.id === focusTheme)) : p.themes;
    const evidence = themes
      .filter((t) => t.evidence.length)
      .slice(0, 3)
      .map((t) => `${t.theme.name}: “${t.evidence.slice(0, 3).join('”, “')}”`)
      .join(' · ');
    const link = el('a', { href: '#', 'data-id': p.id }, p.title);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      onPick(p.id);
    });
    list.append(el('li', {}, link, p.year ? el('span', { class: 'muted' }, ` (${p.year})`) : null, evidence ? el('div', { class: 'evidence' }, evidence) : null));
  }
  return list;
}

/** One colour per node type, for the graph views and their legend. */
export const TYPE_COLOURS: Readonly<Record<string, string>> = {
  Theme: '#b45309',
  Country: '#2563eb',
  Region: '#059669',
  Author: '#7c3aed',
  Publication: '#6b7280',
};

export function typeOf(id: string): string {
  const at = id.indexOf(':');
  return at > 0 ? id.slice(0, at) : 'Publication';
}

export function legend(types: readonly string[]): HTMLElement {
  const box = el('div', { class: 'legend' });
  for (const t of types) box.append(el('i', { style: `background:${TYPE_COLOURS[t] ?? '#999'}` }), t);
  return box;
}
