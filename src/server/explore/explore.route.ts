import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { framablePolicy } from '../security-headers';
import { clientDir, explorerAssets } from './explore.bundle';

/** Where the explorer may be embedded (README, "Explore"). */
export interface ExplorerConfig {
  /** CSP `frame-ancestors` sources of `/explore` (`KG_EMBED_ORIGINS`): `*` for any site, or origins. */
  readonly frameAncestors: readonly string[];
}

export const DEFAULT_EXPLORER: ExplorerConfig = { frameAncestors: ['*'] };

const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i;

/** Reads `KG_EMBED_ORIGINS`: `*` (default), `none` (this origin only), or origins separated by spaces or commas. */
export function explorerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ExplorerConfig {
  const raw = (env.KG_EMBED_ORIGINS ?? '').trim();
  if (raw === '' || raw === '*') return DEFAULT_EXPLORER;
  if (raw === 'none') return { frameAncestors: ["'self'"] };
  const origins = raw.split(/[\s,]+/).filter(Boolean);
  const bad = origins.find((o) => !ORIGIN.test(o));
  if (bad) throw new Error(`KG_EMBED_ORIGINS: ${JSON.stringify(bad)} is not an origin such as https://dashboard.example.org (or use * or none)`);
  return { frameAncestors: ["'self'", ...origins] };
}

export interface ExplorerPaths {
  /** The API, e.g. `/graphql`. */
  readonly endpoint: string;
  /** The IDE, e.g. `/graphql/ide/`. */
  readonly playground: string;
  /** The exports' folder, e.g. `/export`. */
  readonly exports: string;
}

const attribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * `GET /explore`: the explorer, one static page and its two assets. The page holds no data: every
 * view asks the public API (`/graphql`) from the browser, with the key the URL fragment may carry,
 * so the API's own access rules, limits and budgets apply to everything it shows. The page itself
 * is open, like the IDE, so that a private server's explorer can load and then read its key.
 * Unlike every other route it may be framed (KG_EMBED_ORIGINS), so that dashboards embed a view.
 */
export function registerExplorer(app: FastifyInstance, paths: ExplorerPaths, config: ExplorerConfig = DEFAULT_EXPLORER): void {
  const template = readFileSync(join(clientDir(), 'index.html'), 'utf8');
  const policy = framablePolicy(config.frameAncestors);
  const page = async (_request: FastifyRequest, reply: FastifyReply) => {
    const { version } = await explorerAssets();
    const html = template
      .replace(/\{\{version\}\}/g, version)
      .replace(/\{\{endpoint\}\}/g, attribute(paths.endpoint))
      .replace(/\{\{playground\}\}/g, attribute(paths.playground))
      .replace(/\{\{exports\}\}/g, attribute(paths.exports));
    reply.removeHeader('x-frame-options');
    return reply
      .code(200)
      .header('content-security-policy', policy)
      .header('cache-control', 'no-cache')
      // The key in the fragment never leaves the page; links out of it carry no referrer either.
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(html);
  };
  app.get('/explore', page);
  app.get('/explore/', (request, reply) => {
    const query = request.url.indexOf('?');
    return reply.redirect(`/explore${query >= 0 ? request.url.slice(query) : ''}`, 308);
  });
  const asset = (kind: 'script' | 'style', type: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    const assets = await explorerAssets();
    const etag = `"${assets.version}"`;
    // Versioned URLs (the page links ?v=<digest>) never change; others revalidate.
    const versioned = (request.query as { v?: string }).v === assets.version;
    reply.header('etag', etag).header('cache-control', versioned ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.code(200).type(type).send(assets[kind]);
  };
  app.get('/explore/explore.js', asset('script', 'application/javascript; charset=utf-8'));
  app.get('/explore/explore.css', asset('style', 'text/css; charset=utf-8'));
}
