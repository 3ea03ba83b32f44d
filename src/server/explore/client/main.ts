import { Api, fragmentKey } from './api';
import type { Context, ViewHandle } from './context';
import { Details } from './details';
import { hooks } from './hooks';
import { parseState, stateSearch, type State, type View } from './state';
import { el } from './ui';
import { matrixView } from './views/matrix';
import { networkView } from './views/network';
import { neighbourhoodView } from './views/neighborhood';
import { pathsView } from './views/paths';

const VIEWS: Record<View, (ctx: Context) => Promise<ViewHandle>> = {
  network: networkView,
  neighborhood: neighbourhoodView,
  paths: pathsView,
  matrix: matrixView,
};

const REGIONS = `query Regions { regions { id name level } }`;

const byId = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page lacks #${id}`);
  return found as T;
};

function boot(): void {
  const body = document.body;
  const api = new Api(body.dataset.endpoint ?? '/graphql');
  const playground = body.dataset.playground ?? '/graphql/ide/';
  const exportsPath = body.dataset.exports ?? '/export';
  const stage = byId('stage');
  const side = byId('side');
  const controls = byId('view-controls');
  const downloads = byId('downloads');
  const form = byId<HTMLFormElement>('filters');
  const errorBox = byId('error');
  let state: State = parseState(location.search);
  let current: ViewHandle | null = null;
  let rendering = 0;

  const url = (s: State) => `${location.pathname}${stateSearch(s)}`;
  const detailsPanel = () => {
    let box = document.getElementById('details');
    if (!box || !side.contains(box)) {
      box = el('div', { id: 'details' });
      side.append(box);
    }
    return box;
  };
  const fail = (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    errorBox.textContent = message;
    errorBox.hidden = false;
    hooks.error = message;
    body.dataset.state = 'error';
  };
  const details = new Details(api, () => state, detailsPanel, fail);

  const ctx = (): Context => ({
    api,
    state,
    stage,
    side,
    controls,
    downloads,
    exportsPath,
    navigate(patch, push = false) {
      state = { ...state, ...patch };
      history[push ? 'pushState' : 'replaceState'](null, '', url(state) + location.hash);
      void render();
    },
    remember(patch) {
      state = { ...state, ...patch };
      history.replaceState(null, '', url(state) + location.hash);
      links();
    },
    details: (id, extra, title) => details.show(id, extra, title),
    fail,
    ready() {
      hooks.ready = true;
      hooks.readyAt = Math.round(performance.now());
      if (body.dataset.state !== 'error') body.dataset.state = 'ready';
    },
  });

  /** The view tabs and the "open in the explorer" link keep the filters (never the key). */
  const links = () => {
    document.querySelectorAll<HTMLAnchorElement>('#views a[data-view]').forEach((a) => {
      const view = a.dataset.view as View;
      a.href = url({ ...state, view, selected: null });
      if (view === state.view) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    const full = byId<HTMLAnchorElement>('open-full');
    full.href = url({ ...state, embed: false });
    full.hidden = !state.embed;
  };

  const fillFilters = () => {
    (form.elements.namedItem('yearFrom') as HTMLInputElement).value = state.yearFrom === null ? '' : String(state.yearFrom);
    (form.elements.namedItem('yearTo') as HTMLInputElement).value = state.yearTo === null ? '' : String(state.yearTo);
    (form.elements.namedItem('region') as HTMLSelectElement).value = state.region ?? '';
    form.querySelectorAll<HTMLInputElement>('input[name=scope]').forEach((box) => { box.checked = state.scope.includes(box.value); });
  };

  async function render(): Promise<void> {
    const mine = ++rendering;
    current?.destroy();
    current = null;
    stage.replaceChildren();
    side.replaceChildren();
    errorBox.hidden = true;
    hooks.ready = false;
    hooks.error = null;
    hooks.view = state.view;
    hooks.highlighted = [];
    hooks.nodeCount = 0;
    hooks.edgeCount = 0;
    hooks.gapCount = 0;
    hooks.timings = {};
    hooks.laidOutAt = null;
    body.dataset.state = 'loading';
    body.dataset.view = state.view;
    body.classList.toggle('embed', state.embed);
    links();
    fillFilters();
    try {
      const handle = await VIEWS[state.view](ctx());
      if (mine !== rendering) handle.destroy();
      else current = handle;
    } catch (err) {
      if (mine === rendering) fail(err);
    }
  }

  // "Show the query": the view's operation and variables, and the same in the playground.
  api.onSend((sent) => {
    byId('query-text').textContent = sent.operation;
    byId('query-variables').textContent = JSON.stringify(sent.variables, null, 2);
    const shared = new URLSearchParams({ query: sent.operation, variables: JSON.stringify(sent.variables, null, 2), name: `explore: ${state.view}` });
    const key = fragmentKey();
    if (key) shared.set('key', key);
    byId<HTMLAnchorElement>('query-open').href = `${playground}#${shared.toString()}`;
  });

  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('change', (event) => {
    const target = event.target as HTMLInputElement;
    if (!['yearFrom', 'yearTo', 'region', 'scope'].includes(target.name)) return;
    const year = (name: string) => {
      const n = Number((form.elements.namedItem(name) as HTMLInputElement).value);
      return (form.elements.namedItem(name) as HTMLInputElement).value && Number.isInteger(n) ? n : null;
    };
    const scope = [...form.querySelectorAll<HTMLInputElement>('input[name=scope]')].filter((b) => b.checked).map((b) => b.value);
    const region = (form.elements.namedItem('region') as HTMLSelectElement).value || null;
    ctx().navigate({ yearFrom: year('yearFrom'), yearTo: year('yearTo'), scope, region, selected: null }, true);
  });
  document.querySelectorAll<HTMLAnchorElement>('#views a[data-view]').forEach((a) => {
    a.addEventListener('click', (event) => {
      event.preventDefault();
      ctx().navigate({ view: a.dataset.view as View, selected: null }, true);
    });
  });
  // A key pasted into the fragment takes effect at once.
  window.addEventListener('hashchange', () => void render());
  window.addEventListener('popstate', () => {
    state = parseState(location.search);
    void render();
  });

  if (!state.embed) {
    api
      .send<{ regions: Array<{ id: string; name: string; level: string }> }>(REGIONS, {}, false)
      .then(({ regions }) => {
        const select = form.elements.namedItem('region') as HTMLSelectElement;
        for (const level of ['REGION', 'SUBREGION', 'INTERMEDIATE', 'CUSTOM']) {
          const items = regions.filter((r) => r.level === level);
          if (!items.length) continue;
          select.append(el('optgroup', { label: level.toLowerCase() }, ...items.map((r) => el('option', { value: r.id }, r.name))));
        }
        select.value = state.region ?? '';
      })
      .catch(fail);
  }
  void render();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
