/** The explorer's whole state, kept in the URL's query string so that any view can be bookmarked, shared or embedded. */

export type View = 'network' | 'neighborhood' | 'paths' | 'matrix';
export type Weight = 'lift' | 'jaccard';
export type Level = 'COUNTRY' | 'SUBREGION' | 'REGION';

export interface State {
  view: View;
  yearFrom: number | null;
  yearTo: number | null;
  region: string | null;
  scope: string[];
  weight: Weight;
  minCount: number;
  ids: string[];
  depth: number;
  limit: number;
  from: string | null;
  to: string | null;
  level: Level;
  selected: string | null;
  embed: boolean;
}

const VIEWS: readonly View[] = ['network', 'neighborhood', 'paths', 'matrix'];
const LEVELS: readonly Level[] = ['COUNTRY', 'SUBREGION', 'REGION'];
const SCOPES = ['GLOBAL', 'REGIONAL', 'NATIONAL'];

const int = (raw: string | null, min: number, max: number): number | null => {
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
};

export function parseState(search: string): State {
  const q = new URLSearchParams(search);
  const view = q.get('view') as View;
  const weight = q.get('weight') === 'jaccard' ? 'jaccard' : 'lift';
  const level = (q.get('level') ?? '').toUpperCase() as Level;
  const list = (name: string) => (q.get(name) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return {
    view: VIEWS.includes(view) ? view : 'network',
    yearFrom: int(q.get('yearFrom'), 1900, 2100),
    yearTo: int(q.get('yearTo'), 1900, 2100),
    region: q.get('region') || null,
    scope: list('scope').map((s) => s.toUpperCase()).filter((s) => SCOPES.includes(s)),
    weight,
    minCount: int(q.get('minCount'), 1, 1_000_000) ?? 1,
    ids: list('ids').slice(0, 50),
    depth: int(q.get('depth'), 1, 3) ?? 1,
    limit: int(q.get('limit'), 1, 2000) ?? 300,
    from: q.get('from') || null,
    to: q.get('to') || null,
    level: LEVELS.includes(level) ? level : 'COUNTRY',
    selected: q.get('selected') || null,
    embed: q.get('embed') === '1' || q.get('embed') === 'true',
  };
}

/** The query string of a state; defaults are left out, so shared links stay short. */
export function stateSearch(s: State): string {
  const q = new URLSearchParams();
  q.set('view', s.view);
  if (s.yearFrom !== null) q.set('yearFrom', String(s.yearFrom));
  if (s.yearTo !== null) q.set('yearTo', String(s.yearTo));
  if (s.region) q.set('region', s.region);
  if (s.scope.length) q.set('scope', s.scope.join(','));
  if (s.weight !== 'lift') q.set('weight', s.weight);
  if (s.minCount !== 1) q.set('minCount', String(s.minCount));
  if (s.ids.length) q.set('ids', s.ids.join(','));
  if (s.depth !== 1) q.set('depth', String(s.depth));
  if (s.limit !== 300) q.set('limit', String(s.limit));
  if (s.from) q.set('from', s.from);
  if (s.to) q.set('to', s.to);
  if (s.level !== 'COUNTRY') q.set('level', s.level);
  if (s.selected) q.set('selected', s.selected);
  if (s.embed) q.set('embed', '1');
  return `?${q.toString()}`;
}

/** The shared filters as `PublicationFilterInput`, or null when none is set. */
export function publicationFilter(s: State, extra: Record<string, unknown> = {}): Record<string, unknown> | null {
  const f: Record<string, unknown> = {};
  if (s.yearFrom !== null) f.yearFrom = s.yearFrom;
  if (s.yearTo !== null) f.yearTo = s.yearTo;
  if (s.region) f.regions = [s.region];
  if (s.scope.length) f.scope = s.scope;
  Object.assign(f, extra);
  return Object.keys(f).length ? f : null;
}
