import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { getDistDirectory, isSandboxFrame, renderAltair, renderInitSnippet, RenderOptions, SANDBOX_FRAME_CSP } from 'altair-static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Options of the in-browser GraphQL IDE. */
export interface PlaygroundOptions {
  /** Path of the API, e.g. `/graphql`; the IDE's assets are served under `<endpointPath>/ide/`. */
  readonly endpointPath: string;
  /** Folder of `*.graphql` examples preloaded as tabs; found by walking up from this file when omitted. */
  readonly examplesDir?: string;
}

/** The IDE: its page, and the routes that serve it. */
export interface Playground {
  /** The rendered page (HTML). */
  readonly page: string;
  /** The page's inline scripts, as CSP `'sha256-…'` sources, so the page runs under a CSP with no 'unsafe-inline'. */
  readonly scriptHashes: readonly string[];
  /** True for a browser navigation to the endpoint itself (no `query` parameter, HTML preferred). */
  wantsPage(request: FastifyRequest): boolean;
  /** Sends the page. */
  sendPage(request: FastifyRequest, reply: FastifyReply): FastifyReply;
  /** Registers `<endpointPath>/ide/` and its assets (from @fastify/static) on a Fastify instance. */
  register(app: FastifyInstance): Promise<void>;
}

/** One example operation, preloaded as an Altair tab. */
export interface PlaygroundExample {
  readonly name: string;
  readonly query: string;
}

/** Stands for the endpoint in the rendered options until it is swapped for an expression the browser evaluates. */
const ENDPOINT_PLACEHOLDER = '__KG_ENDPOINT_URL__';


/**
 * Serves the Altair GraphQL IDE from the `altair-static` npm assets, so it works with no internet
 * (Apollo's landing page loads from a CDN).
 *
 * - `GET <endpointPath>` is the IDE only for a browser navigation: no `query` parameter (a GET with
 *   `?query=` is always an API call, whatever the Accept header) and an Accept header that ranks
 *   `text/html` above JSON. curl, fetch and GraphQL clients (any type, or JSON first) get the API.
 * - `GET <endpointPath>/ide/` is the IDE too (for embedding in an iframe), and
 *   `GET <endpointPath>/ide/<asset>` its files, cacheable for a day (@fastify/static).
 */
export function createPlayground(options: PlaygroundOptions): Playground {
  const endpointPath = options.endpointPath.replace(/\/+$/, '') || '/';
  const assetPrefix = `${endpointPath === '/' ? '' : endpointPath}/ide/`;
  const distDir = resolve(getDistDirectory());
  const examplesDir = options.examplesDir ?? findExamplesDir(__dirname);
  const examples = examplesDir ? readExamples(examplesDir) : [];
  const page = renderPage(endpointPath, assetPrefix, examples);
  const scriptHashes = inlineScriptHashes(page);

  const sendPage = (request: FastifyRequest, reply: FastifyReply): FastifyReply =>
    reply
      .code(200)
      .type('text/html; charset=utf-8')
      // The same URL answers JSON to API clients, so caches must key on Accept; no-cache keeps new examples visible.
      .header('Vary', 'Accept')
      .header('Cache-Control', 'no-cache')
      .send(request.method === 'HEAD' ? '' : page);

  return {
    page,
    scriptHashes,
    wantsPage(request) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const query = request.query as Record<string, unknown> | undefined;
      return !(query && 'query' in query) && prefersHtml(request.headers.accept);
    },
    sendPage,
    async register(app) {
      // The IDE lives at the folder URL; send the bare folder there rather than to the API 404.
      app.get(assetPrefix.slice(0, -1), (_request, reply) => reply.redirect(assetPrefix, 308));
      app.get(assetPrefix, sendPage);
      app.get(`${assetPrefix}index.html`, sendPage);
      // Streamed from altair-static's folder by @fastify/static, which refuses any path outside it.
      await app.register(fastifyStatic, {
        root: distDir,
        prefix: assetPrefix,
        index: false,
        decorateReply: false,
        maxAge: '1d',
        immutable: false,
        etag: true,
        lastModified: true,
        setHeaders(reply, file) {
          reply.header('Cache-Control', 'public, max-age=86400');
          // Altair runs pre/post-request scripts in this frame; the CSP sandbox keeps them off the IDE's origin.
          if (isSandboxFrame(relative(distDir, file))) reply.header('Content-Security-Policy', SANDBOX_FRAME_CSP);
        },
      });
    },
  };
}

/** Returns the `'sha256-…'` CSP source of every inline `<script>` of a page. */
function inlineScriptHashes(html: string): string[] {
  const out: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    out.push(`'sha256-${createHash('sha256').update(match[1] ?? '', 'utf8').digest('base64')}'`);
  }
  return out;
}

/** Reads every `*.graphql` file of a folder, sorted by file name; the tab is named after the file. */
export function readExamples(dir: string): PlaygroundExample[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => ({ name: basename(f, '.graphql'), query: readFileSync(join(dir, f), 'utf8') }));
}

/** Walks up from `start` to the first folder holding an `examples/` folder (compiled code runs from dist/src/server). */
export function findExamplesDir(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, 'examples');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** True when an Accept header ranks text/html strictly above every JSON type (so a browser navigation, not an API client). */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = accept.split(',').map((part) => {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = q ? Number(q.slice(2)) : 1;
    return { type: type.trim(), q: Number.isFinite(value) ? value : 0 };
  });
  // The most specific range that matches a type decides its quality (RFC 9110 §12.5.1).
  const quality = (type: string): number => {
    const [major] = type.split('/');
    const match = ranges.find((r) => r.type === type) ?? ranges.find((r) => r.type === `${major}/*`) ?? ranges.find((r) => r.type === '*/*');
    return match?.q ?? 0;
  };
  const html = quality('text/html');
  return html > 0 && html > Math.max(quality('application/json'), quality('application/graphql-response+json'));
}

function renderPage(endpointPath: string, assetPrefix: string, examples: readonly PlaygroundExample[]): string {
  // Persisted tabs live under a namespace tied to the examples, so editing examples/ shows the new set
  // instead of a browser's stale copy, while a user's edits survive reloads in between.
  const digest = createHash('sha256').update(JSON.stringify(examples)).digest('hex').slice(0, 8);
  const options: RenderOptions = {
    baseURL: assetPrefix,
    endpointURL: ENDPOINT_PLACEHOLDER,
    initialName: 'Knowledge graph',
    initialWindows: examples.map((e) => ({ initialName: e.name, endpointURL: ENDPOINT_PLACEHOLDER, initialQuery: e.query })),
    instanceStorageNamespace: `kg_altair_${digest}_`,
    // No login/cloud sync: that would call api.altairgraphql.dev and redir.altairgraphql.dev.
    disableAccount: true,
    initialSettings: {
      // Plugins load from cdn.jsdelivr.net; none, and no experimental features that might add some.
      'plugin.list': [],
      enableExperimental: false,
      // No update checks, push notifications or promotional banners.
      'alert.disableUpdateNotification': true,
      disablePushNotification: true,
      'banners.disable': true,
      enableTablistScrollbar: true,
      // Docs and autocompletion come from introspecting our own endpoint.
      'schema.reloadOnStart': true,
    },
  };
  const html = renderAltair(options);
  // The options are inlined as JS template literals inside a <script>; a "</script" or "<!--" in an
  // example would end or confuse that element, so write every "<" in them as the \x3c escape.
  const snippet = renderInitSnippet(options);
  const at = html.indexOf(snippet);
  if (at < 0) throw new Error('altair-static changed how it inlines its options; update src/server/playground.ts');
  // Altair needs an absolute endpoint (it calls `new URL(endpoint)`); resolving it in the browser keeps
  // the page right under any host name or port without trusting the Host header.
  const endpoint = `new URL(${JSON.stringify(endpointPath).replace(/</g, '\\u003c')}, location.href).href`;
  const safe = withSharedQuery(snippet.replace(/</g, '\\x3c').split(`\`${ENDPOINT_PLACEHOLDER}\``).join(endpoint));
  const page = html.slice(0, at) + safe + html.slice(at + snippet.length);
  const end = page.lastIndexOf('</body>');
  return end < 0 ? page + COST_BADGE : page.slice(0, end) + COST_BADGE + page.slice(end);
}

/** Wraps Altair's options in `kgShared(…)`, defined before it: see SHARED_QUERY. */
function withSharedQuery(snippet: string): string {
  const open = 'AltairGraphQL.init(';
  const at = snippet.indexOf(open);
  const close = snippet.lastIndexOf(')');
  if (at < 0 || close < at) throw new Error('altair-static changed its init snippet; update src/server/playground.ts');
  return `${SHARED_QUERY}\n${snippet.slice(0, at)}${open}kgShared(${snippet.slice(at + open.length, close)})${snippet.slice(close)}`;
}

/**
 * An operation shared through the URL fragment (`#query=…&variables=…&name=…&key=…`, as the
 * explorer's "show the query" links send it) opens as the first tab, under a storage namespace of
 * its own so that a browser's saved tabs never hide it. A `key` becomes the tab's Authorization
 * header. The fragment never reaches the server.
 */
const SHARED_QUERY = `function kgShared(options) {
  try {
    var shared = new URLSearchParams(location.hash.slice(1));
    var query = shared.get('query');
    if (!query) return options;
    var tab = { initialName: shared.get('name') || 'Shared query', endpointURL: options.endpointURL, initialQuery: query, initialVariables: shared.get('variables') || '{}' };
    var key = shared.get('key');
    if (key) tab.initialHeaders = { Authorization: 'Bearer ' + key };
    var h = 0;
    for (var i = 0; i < location.hash.length; i++) h = (h * 31 + location.hash.charCodeAt(i)) | 0;
    options.initialWindows = [tab].concat(options.initialWindows || []);
    options.instanceStorageNamespace = (options.instanceStorageNamespace || 'kg_') + 'shared_' + (h >>> 0).toString(36) + '_';
  } catch (e) {}
  return options;
}`;

/**
 * A corner badge with what the last API response cost: the estimate against the limit, the
 * client's budget left, and the store round trips (from the X-KG-* and RateLimit-* headers, so it
 * shows refusals too). It watches the IDE's own requests (fetch and XMLHttpRequest) to the API.
 */
const COST_BADGE = `<div id="kg-cost" title="Cost of the last response (README, Limits)" style="position:fixed;right:12px;bottom:12px;z-index:99999;font:12px/1.4 system-ui,sans-serif;background:#1f2937;color:#f9fafb;padding:4px 8px;border-radius:6px;opacity:.85;pointer-events:none">cost: –</div>
<script>(function () {
  var badge = document.getElementById('kg-cost');
  function show(get) {
    var cost = get('x-kg-cost');
    if (cost === null) return;
    var text = 'cost ' + cost + ' / ' + get('x-kg-cost-limit');
    var left = get('ratelimit-remaining');
    if (left !== null) text += ' · budget left ' + left + '/min';
    var trips = get('x-kg-round-trips');
    if (trips !== null) text += ' · ' + trips + ' round trips';
    badge.textContent = text;
    badge.setAttribute('data-cost', cost);
  }
  var fetch0 = window.fetch;
  if (fetch0) window.fetch = function () {
    return fetch0.apply(this, arguments).then(function (res) { try { show(function (h) { return res.headers.get(h); }); } catch (e) {} return res; });
  };
  var open0 = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function () {
    this.addEventListener('load', function () { var xhr = this; try { show(function (h) { return xhr.getResponseHeader(h); }); } catch (e) {} });
    return open0.apply(this, arguments);
  };
})();</script>
`;
