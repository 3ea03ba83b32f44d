import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The explorer's browser code, bundled from its TypeScript sources and npm packages. */
export interface ExplorerAssets {
  readonly script: string;
  readonly style: string;
  /** A digest of both, for cache-busting asset URLs and ETags. */
  readonly version: string;
}

/** Folder of the browser sources (`src/server/explore/client`), found from the compiled or source file. */
export function clientDir(start: string = __dirname): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, 'src', 'server', 'explore', 'client');
    if (existsSync(join(candidate, 'main.ts'))) return candidate;
    if (existsSync(join(dir, 'client', 'main.ts'))) return join(dir, 'client');
    if (dirname(dir) === dir) throw new Error(`the explorer's sources (src/server/explore/client/main.ts) are not found above ${start}`);
  }
}

let built: Promise<ExplorerAssets> | null = null;

/**
 * Bundles the explorer once per process, on first use, with esbuild: sigma, graphology and
 * ForceAtlas2 come from node_modules, so the page needs no CDN and works offline.
 */
export function explorerAssets(): Promise<ExplorerAssets> {
  built ??= (async () => {
    const dir = clientDir();
    // esbuild is loaded only when the explorer is first asked for: servers that never serve it skip its start-up.
    const { build } = await import('esbuild');
    const out = await build({
      entryPoints: [join(dir, 'main.ts')],
      bundle: true,
      write: false,
      minify: true,
      format: 'iife',
      target: ['es2020'],
      platform: 'browser',
      legalComments: 'none',
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    const script = out.outputFiles[0]?.text ?? '';
    const style = readFileSync(join(dir, 'explore.css'), 'utf8');
    const version = createHash('sha256').update(script).update(style).digest('hex').slice(0, 12);
    return { script, style, version };
  })();
  built.catch(() => { built = null; });
  return built;
}
