import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { chromium, Browser, Page } from 'playwright-core';
import { prepareImport } from '../../src/ingest/prepare-import';
import { startServer, RunningServer } from '../../src/server/http.server';
import { MemoryStore } from '../../src/store/memory/memory.store';
import { seedListingText } from '../helpers/seed';
import { CHROMIUM, CHROMIUM_ARGS, WAIT_MS, describeWithChromium } from '../helpers/chromium';

const ARGS = CHROMIUM_ARGS;
const ROOT = join(__dirname, '..', '..');
const SCREENSHOT = join(ROOT, 'test-output', 'playground.png');
const EXAMPLES = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.graphql')).map((f) => f.replace(/\.graphql$/, '')).sort();

// Under CI a Chromium that cannot start fails the suite, not skips it.
const describeBrowser = describeWithChromium('the browser test', ARGS);

describeBrowser('GraphQL IDE at /graphql in headless Chromium (offline Altair, seeded embedded store)', () => {
  let store: MemoryStore;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const prepared = prepareImport([{ file: 'seed-listing.txt', text: seedListingText() }]);
    expect(prepared.problems).toEqual([]);
    store = new MemoryStore();
    await store.importPublications(prepared.records, prepared.reference);
    server = await startServer({ store, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1' });
    // No host name resolves except the test server's, so the page runs as if there were no internet.
    const offline = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...ARGS, offline], timeout: WAIT_MS });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(WAIT_MS);
    // Every request of the pages in this context (their frames and workers too), to prove the IDE stays offline.
    page.context().on('request', (req) => requests.push(req.url()));
    // The server's content security policy must not stop any part of the IDE.
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply|connect|frame|create)/i.test(message.text())) violations.push(message.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await store?.close();
  });

  it('serves JSON, not the IDE, to API clients and GETs with a query', async () => {
    const plain = await fetch(server.url, { headers: { accept: '*/*' } });
    expect(plain.headers.get('content-type')).not.toMatch(/html/);
    const navigation = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    const withQuery = await fetch(`${server.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: navigation } });
    expect(((await withQuery.json()) as { data: unknown }).data).toEqual({ __typename: 'Query' });
    const asset = await fetch(`${server.url}/ide/main.js`);
    // @fastify/static names JavaScript application/javascript; both are registered for it.
    expect([asset.status, asset.headers.get('content-type'), asset.headers.get('cache-control')]).toEqual([200, expect.stringMatching(/^(text|application)\/javascript; charset=utf-8$/), 'public, max-age=86400']);
    const escape = await fetch(`${server.url}/ide/..%2F..%2Fpackage.json`);
    expect(escape.status).toBe(404);
  });

  it('opens with one tab per example', async () => {
    // page.goto sends a navigation's Accept header (text/html first), as a browser does.
    const response = await page.goto(server.url, { waitUntil: 'load' });
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
    const tabs = page.locator('app-window-switcher-item .window-switcher__input');
    await tabs.nth(EXAMPLES.length - 1).waitFor();
    const names = (await tabs.allInnerTexts()).map((t) => t.trim());
    expect(names).toEqual(EXAMPLES);
  });

  it('runs the theme-places example and shows its answer', async () => {
    await page.locator('app-window-switcher-item .window-switcher__input', { hasText: /^\s*theme-places\s*$/ }).click();
    await page.locator('.cm-content', { hasText: 'query ThemePlaces' }).first().waitFor();
    const answer = page.waitForResponse((r) => r.url() === server.url && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('ThemePlaces'));
    await page.locator('button.send-request__button').click();
    expect((await answer).status()).toBe(200);
    const result = page.locator('app-query-result');
    await result.getByText('Mara Salvatrucha').first().waitFor();
    const shown = await result.innerText();
    expect(shown).toContain('"Gangs"');
    expect(shown).toContain('The Connection Between the Mara Salvatrucha (MS-13) and Human Trafficking');
    // The corner badge shows what the last response cost, from its X-KG-Cost header.
    const sent = (await answer).headers()['x-kg-cost'];
    await page.waitForFunction(`document.getElementById('kg-cost')?.getAttribute('data-cost') === ${JSON.stringify(sent)}`);
    expect(Number(sent)).toBeGreaterThan(0);
    expect(await page.locator('#kg-cost').innerText()).toMatch(new RegExp(`^cost ${sent} / 300000`));
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  });

  it('runs under the server\'s content security policy without a violation', () => {
    expect(violations).toEqual([]);
  });

  it('made every request to its own server', () => {
    const origin = new URL(server.url).origin;
    expect(requests.length).toBeGreaterThan(5);
    // data: and blob: URLs are in-page, not network.
    expect(requests.filter((u) => !u.startsWith(`${origin}/`) && !/^(data|blob):/.test(u))).toEqual([]);
  });
});
