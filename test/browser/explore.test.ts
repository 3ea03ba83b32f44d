import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pino from 'pino';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { newApiKey } from '../../src/domain/api-key.secret';
import { prepareImport } from '../../src/ingest/prepare-import';
import { DEFAULT_ACCESS } from '../../src/server/access/access.config';
import { startServer, type RunningServer } from '../../src/server/http.server';
import { MemoryStore } from '../../src/store/memory/memory.store';
import { seedListingText } from '../helpers/seed';
import { CHROMIUM, CHROMIUM_ARGS, WAIT_MS, WEBGL_ARGS, describeWithChromium } from '../helpers/chromium';

const ARGS = [...CHROMIUM_ARGS, ...WEBGL_ARGS];
const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, 'test-output');

const describeBrowser = describeWithChromium('the explorer browser test', ARGS);

interface Hooks {
  view: string;
  ready: boolean;
  nodeCount: number;
  edgeCount: number;
  gapCount: number;
  highlighted: string[];
  error: string | null;
}

describeBrowser('the explorer at /explore in headless Chromium (seeded embedded store, offline)', () => {
  let store: MemoryStore;
  let server: RunningServer;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}, base = server): Promise<T> => {
    const res = await fetch(base.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data: T; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  };
  const hooks = (p: Page = page) => p.evaluate(() => (globalThis as any).kgExplore as Hooks);
  /** Opens a view and waits until it has drawn. */
  const open = async (search: string, p: Page = page) => {
    await p.goto(`${origin}/explore${search}`, { waitUntil: 'load' });
    await p.waitForFunction(() => (globalThis as any).kgExplore?.ready === true || !!(globalThis as any).kgExplore?.error);
    const h = await hooks(p);
    expect(h.error).toBeNull();
    return h;
  };
  const shoot = (name: string, p: Page = page) => p.screenshot({ path: join(OUT, `explore-${name}.png`) });

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const prepared = prepareImport([{ file: 'seed-listing.txt', text: seedListingText() }]);
    expect(prepared.problems).toEqual([]);
    store = new MemoryStore();
    await store.importPublications(prepared.records, prepared.reference);
    server = await startServer({ store, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1' });
    origin = new URL(server.url).origin;
    // No host name resolves except the test servers', so the page runs as if there were no internet.
    const offline = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...ARGS, offline], timeout: WAIT_MS });
    context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    context.on('request', (req) => requests.push(req.url()));
    page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const watch = (p: Page) => {
      // Chromium's software GL reports its own performance notes ("GL Driver Message … GPU stall due
      // to ReadPixels") as warnings; they are the renderer's, not the page's, and are left out.
      p.on('console', (message) => {
        if (message.type() === 'error' || (message.type() === 'warning' && !/GL Driver Message/.test(message.text()))) problems.push(`${message.type()}: ${message.text()} ${JSON.stringify(message.location())}`);
      });
      p.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    };
    watch(page);
    context.on('page', watch);
  });
  afterEach(() => {
    expect(problems).toEqual([]);
    // Every request stays on the test servers: the page's assets come from npm packages, served here.
    expect(requests.filter((u) => !u.startsWith('http://127.0.0.1:') && !/^(data|blob):/.test(u))).toEqual([]);
    problems.length = 0;
    requests.length = 0;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await store?.close();
  });

  it('serves the page and its bundled assets offline, framable by other sites', async () => {
    const res = await fetch(`${origin}/explore`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors \*/);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    const html = await res.text();
    const script = html.match(/src="(\/explore\/explore\.js\?v=[0-9a-f]+)"/)?.[1];
    expect(script).toBeDefined();
    const js = await fetch(`${origin}${script}`);
    expect([js.status, js.headers.get('cache-control')]).toEqual([200, 'public, max-age=31536000, immutable']);
    expect((await js.text()).length).toBeGreaterThan(50_000);
    // Every other route still refuses to be framed.
    expect((await fetch(`${origin}/health/live`)).headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('draws the sample\'s theme network, one node per theme with publications', async () => {
    const { themeGraph } = await gql<{ themeGraph: { nodes: Array<{ theme: { id: string } }>; edges: unknown[] } }>('{ themeGraph { nodes { theme { id } } edges { source } } }');
    const themes = new Set(prepareImport([{ file: 'seed-listing.txt', text: seedListingText() }]).records.flatMap((r) => r.themes.map((t) => t.id)));
    expect(themeGraph.nodes.length).toBe(themes.size);
    const h = await open('?view=network');
    expect([h.view, h.nodeCount, h.edgeCount]).toEqual(['network', themes.size, themeGraph.edges.length]);
    expect(await page.locator('#side .theme-list li').count()).toBe(themes.size);
    expect(await page.locator('#side svg.spark').count()).toBe(themes.size);
    // "Show the query" holds the operation the view sent, and opens it in the playground.
    expect(await page.locator('#query-text').textContent()).toContain('themeGraph(filter: $filter, minCount: $minCount)');
    const link = await page.locator('#query-open').getAttribute('href');
    expect(link).toMatch(/^\/graphql\/ide\/#query=/);
    expect(await page.locator('#downloads a[data-export="graph.gexf"]').getAttribute('href')).toBe('/export/graph.gexf?minCount=1');
    await shoot('network');
    // The link opens the same operation as the playground's first tab.
    const ide = await context.newPage();
    await ide.goto(`${origin}${link}`, { waitUntil: 'load' });
    try {
      const tab = ide.locator('app-window-switcher-item .window-switcher__input', { hasText: /^\s*explore: network\s*$/ });
      await tab.waitFor();
      await tab.click();
      await ide.locator('.cm-content', { hasText: 'query ThemeNetwork' }).first().waitFor();
    } finally {
      await ide.screenshot({ path: join(OUT, 'explore-playground-link.png') });
      await ide.close();
    }
  });

  it('expands a node on click: from the network into its neighbourhood, then one more node', async () => {
    await open('?view=network');
    const at = await page.evaluate(() => (globalThis as any).kgExplore.nodePosition('Theme:gangs'));
    expect(at).not.toBeNull();
    await page.mouse.click(at!.x, at!.y);
    await page.waitForFunction(() => {
      const h = (globalThis as any).kgExplore;
      return h.view === 'neighborhood' && h.ready;
    });
    // The layout runs in a worker after the first draw; a node is clicked where it rests.
    await page.waitForFunction(() => (globalThis as any).kgExplore.laidOutAt !== null);
    const before = await hooks();
    expect(new URL(page.url()).searchParams.get('ids')).toBe('Theme:gangs');
    const { neighborhood } = await gql<{ neighborhood: { nodes: Array<{ id: string; type: string; distance: number }> } }>('query($ids: [ID!]!) { neighborhood(ids: $ids, depth: 1, limit: 300) { nodes { id type distance } } }', { ids: ['Theme:gangs'] });
    expect(before.nodeCount).toBe(neighborhood.nodes.length);
    // The details panel lists the theme's publications with the evidence that tagged them.
    await page.locator('#details ol.publications li').first().waitFor();
    expect(await page.locator('#details .evidence').count()).toBeGreaterThan(0);
    // Expanding a publication adds its authors, countries and other themes.
    const publication = neighborhood.nodes.find((n) => n.type === 'Publication')!;
    const to = await page.evaluate((id) => (globalThis as any).kgExplore.nodePosition(id), publication.id);
    await page.mouse.click(to!.x, to!.y);
    await page.waitForFunction((n) => {
      const h = (globalThis as any).kgExplore;
      return h.ready && h.nodeCount > n;
    }, before.nodeCount);
    const { neighborhood: both } = await gql<{ neighborhood: { nodes: unknown[] } }>('query($ids: [ID!]!) { neighborhood(ids: $ids, depth: 1, limit: 300) { nodes { id } } }', { ids: ['Theme:gangs', publication.id] });
    expect((await hooks()).nodeCount).toBe(both.nodes.length);
    expect(new URL(page.url()).searchParams.get('ids')).toBe(`Theme:gangs,${publication.id}`);
    await shoot('neighborhood');
  });

  it('marks the matrix\'s zero cells as gaps, and lists a cell\'s publications', async () => {
    // Expected from the sample itself: every theme is a row, every country a publication covers a
    // column, and a cell is a gap unless some publication covers that country with that theme.
    const records = prepareImport([{ file: 'seed-listing.txt', text: seedListingText() }]).records;
    const countries = new Set(records.flatMap((r) => r.coversCountries));
    const filled = new Set(records.flatMap((r) => r.coversCountries.flatMap((c) => r.themes.map((t) => `${t.id}|${c}`))));
    const { themes } = await gql<{ themes: Array<{ id: string }> }>('{ themes { id } }');
    const zeros = themes.length * countries.size - filled.size;
    expect(zeros).toBeGreaterThan(0);
    const h = await open('?view=matrix');
    expect(h.gapCount).toBe(zeros);
    expect(await page.locator('table.matrix td.gap').count()).toBe(zeros);
    expect(await page.locator('table.matrix tbody tr').count()).toBe(themes.length + 1);
    expect(await page.locator('table.matrix thead th[data-place]').count()).toBe(countries.size);
    // The MS-13 paper covers no country: gangs has no evidence for Bangladesh; case management has one publication.
    expect(await page.locator('td[data-theme="Theme:gangs"][data-place="Country:BD"]').getAttribute('class')).toBe('gap');
    expect(await page.locator('td[data-theme="Theme:case-management"][data-place="Country:BD"]').getAttribute('data-count')).toBe('1');
    const cell = page.locator('table.matrix td[data-count]:not(.gap)').first();
    const count = Number(await cell.getAttribute('data-count'));
    await cell.click();
    await page.locator('#details ol.publications li').first().waitFor();
    expect(await page.locator('#details ol.publications li').count()).toBe(Math.min(10, count));
    await shoot('matrix');
    // The M49 level switch redraws at another level and keeps it in the URL.
    await page.selectOption('select[name=level]', 'REGION');
    await page.waitForFunction(() => (globalThis as any).kgExplore.ready);
    expect(new URL(page.url()).searchParams.get('level')).toBe('REGION');
    expect(await page.locator('table.matrix thead th[data-place^="Region:"]').count()).toBeGreaterThan(0);
  });

  it('highlights the shortest path between two nodes, with each step\'s evidence', async () => {
    const { paths } = await gql<{ paths: Array<{ nodes: Array<{ id: string }>; relationships: Array<{ evidence: string[] | null }> }> }>('{ paths(from: "Theme:gangs", to: "Country:BD", first: 5, maxHops: 4) { nodes { id } relationships { evidence } } }');
    // gangs → the MS-13 paper → human trafficking → IOM's case data analysis → Bangladesh.
    expect(paths.length).toBeGreaterThan(0);
    expect(paths[0]!.nodes[0]!.id).toBe('Theme:gangs');
    expect(paths[0]!.nodes.at(-1)!.id).toBe('Country:BD');
    const h = await open('?view=paths&from=Theme:gangs&to=Country:BD');
    expect(h.highlighted).toEqual(paths[0]!.nodes.map((n) => n.id));
    expect(h.nodeCount).toBe(new Set(paths.flatMap((p) => p.nodes.map((n) => n.id))).size);
    const evidence = paths[0]!.relationships.flatMap((r) => r.evidence ?? []);
    if (evidence.length) expect(await page.locator('#side ol.paths li.on .evidence').first().textContent()).toContain(evidence[0]);
    await shoot('paths');
  });

  it('keeps the filters in the URL and applies them to the views', async () => {
    await open('?view=network');
    await page.fill('input[name=yearFrom]', '2021');
    await page.locator('input[name=yearFrom]').dispatchEvent('change');
    await page.waitForFunction(() => (globalThis as any).kgExplore.ready && (globalThis as any).location.search.includes('yearFrom=2021'));
    const { themeGraph } = await gql<{ themeGraph: { nodes: unknown[] } }>('{ themeGraph(filter: { yearFrom: 2021 }) { nodes { count } } }');
    expect((await hooks()).nodeCount).toBe(themeGraph.nodes.length);
    expect(JSON.parse((await page.locator('#query-variables').textContent()) ?? '{}')).toEqual({ filter: { yearFrom: 2021 }, minCount: 1 });
    // The bookmarked URL reopens the same view.
    const again = await context.newPage();
    const h = await open(new URL(page.url()).search, again);
    expect(h.nodeCount).toBe(themeGraph.nodes.length);
    await again.close();
  });

  it('embeds one view in an iframe on another origin, sized to its frame', async () => {
    const host: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><title>dashboard</title><h1>A dashboard</h1><iframe id="kg" src="${origin}/explore?view=network&embed=1" width="640" height="420" style="border:0"></iframe>`);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    try {
      const hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
      expect(hostOrigin).not.toBe(origin);
      await page.goto(hostOrigin, { waitUntil: 'load' });
      const frame = page.frames().find((f) => f.url().startsWith(`${origin}/explore`));
      expect(frame).toBeDefined();
      await frame!.waitForFunction(() => (globalThis as any).kgExplore?.ready === true || (globalThis as any).kgExplore?.error);
      expect(await frame!.evaluate(() => (globalThis as any).kgExplore.error)).toBeNull();
      const state = await frame!.evaluate(() => {
        const g = globalThis as any;
        return {
          embed: g.document.body.classList.contains('embed') as boolean,
          header: g.getComputedStyle(g.document.getElementById('top')).display as string,
          stage: g.document.getElementById('stage').getBoundingClientRect().toJSON() as { width: number; height: number },
          nodes: g.kgExplore.nodeCount as number,
        };
      });
      expect(state.embed).toBe(true);
      expect(state.header).toBe('none');
      expect([Math.round(state.stage.width), Math.round(state.stage.height)]).toEqual([640, 420]);
      expect(state.nodes).toBeGreaterThan(0);
      await shoot('embed');
    } finally {
      await new Promise<void>((resolve) => host.close(() => resolve()));
    }
  });

  it('works on a private server with the key in the URL fragment, which no request carries', async () => {
    const key = newApiKey(`explore-reader-${Date.now()}`, 'reader', null);
    await store.apiKeys.create(key.record);
    const privateServer = await startServer({ store, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1', access: { ...DEFAULT_ACCESS, reads: 'authenticated' } });
    const privateOrigin = new URL(privateServer.url).origin;
    const sent: Array<{ url: string; authorization: string | undefined }> = [];
    const listen = (req: import('playwright-core').Request) => sent.push({ url: req.url(), authorization: req.headers().authorization });
    page.on('request', listen);
    try {
      await page.goto(`${privateOrigin}/explore?view=matrix`, { waitUntil: 'load' });
      await page.waitForFunction(() => !!(globalThis as any).kgExplore.error);
      expect((await hooks()).error).toMatch(/#key=/);
      problems.length = 0; // the browser logs the refused (401) request itself
      await page.goto(`${privateOrigin}/explore?view=matrix#key=${encodeURIComponent(key.secret)}`, { waitUntil: 'load' });
      await page.waitForFunction(() => (globalThis as any).kgExplore.ready === true && (globalThis as any).kgExplore.gapCount > 0);
      expect(sent.every((r) => !r.url.includes(key.secret))).toBe(true);
      expect(sent.filter((r) => r.url === privateServer.url && r.authorization === `Bearer ${key.secret}`).length).toBeGreaterThan(0);
    } finally {
      page.off('request', listen);
      await privateServer.stop();
    }
  });
});
