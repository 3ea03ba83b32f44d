/**
 * How fast the explorer draws on a large library (issue 16, "Fast enough to use"): the theme
 * network view from a warm server, and a 2,000-node neighbourhood, in Debian's Chromium.
 *
 *   npm run bench:explore [-- --publications 100000 --runs 3]
 *
 * Generates the library (seeded, as `kg generate` does), loads it into the embedded store, serves
 * it on 127.0.0.1, warms the server (one API call of each view and the bundle), then opens each
 * view `runs` times in a fresh page and prints: time from navigation to drawn (the page's
 * `kgExplore.readyAt`), the rendered graph's nodes and edges, and the longest main-thread task
 * the browser reported (Long Tasks API) while the view loaded and laid out.
 */
import 'reflect-metadata';
import pino from 'pino';
import { chromium } from 'playwright-core';
import { generateLibrary, toListing } from '../src/ingest/library.generator';
import { prepareImport } from '../src/ingest/prepare-import';
import { startServer } from '../src/server/http.server';
import { MemoryStore } from '../src/store/memory/memory.store';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
};

interface Seen {
  readyAt: number;
  laidOutAt: number | null;
  nodeCount: number;
  edgeCount: number;
  longTasks: number[];
  error: string | null;
  timings: Record<string, number>;
}

async function main(): Promise<void> {
  const publications = arg('publications', 100_000);
  const runs = arg('runs', 3);
  const t0 = Date.now();
  const prepared = prepareImport([{ file: 'generated.txt', text: toListing(generateLibrary({ publications, seed: 'kg' })) }]);
  if (prepared.problems.length) throw new Error(`generated library has problems: ${prepared.problems[0]?.message}`);
  const store = new MemoryStore();
  await store.importPublications(prepared.records, prepared.reference);
  process.stdout.write(`library: ${publications} publications loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  const server = await startServer({ store, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1' });
  const origin = new URL(server.url).origin;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const views = [
      { name: 'theme network', search: '?view=network' },
      { name: 'neighbourhood, depth 2, at most 2000 nodes', search: '?view=neighborhood&ids=Theme:gangs&depth=2&limit=2000' },
    ];
    // Warm: the bundle is built and each view's operations run once before anything is timed.
    const warm = await browser.newPage();
    for (const v of views) {
      await warm.goto(`${origin}/explore${v.search}`);
      await warm.waitForFunction(() => (globalThis as any).kgExplore?.ready || (globalThis as any).kgExplore?.error, null, { timeout: 120_000 });
    }
    await warm.close();
    process.stdout.write('\n| view | run | drawn after (ms) | laid out after (ms) | nodes | edges | longest task (ms) | long tasks (ms, in order) | steps (longest, ms) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n');
    for (const v of views) {
      for (let run = 1; run <= runs; run++) {
        const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
        await page.goto(`${origin}/explore${v.search}`);
        await page.waitForFunction(() => (globalThis as any).kgExplore?.ready || (globalThis as any).kgExplore?.error, null, { timeout: 120_000 });
        // The neighbourhood keeps laying out (in a worker) after it is drawn: its long tasks count until it stops.
        if (v.search.includes('neighborhood')) await page.waitForFunction(() => (globalThis as any).kgExplore?.laidOutAt !== null, null, { timeout: 120_000 });
        // Long tasks are reported a moment after they end.
        await page.waitForTimeout(300);
        const seen = (await page.evaluate(() => (globalThis as any).kgExplore)) as Seen;
        if (seen.error) throw new Error(`${v.name}: ${seen.error}`);
        const longest = seen.longTasks.length ? Math.max(...seen.longTasks) : 0;
        process.stdout.write(`| ${v.name} | ${run} | ${seen.readyAt} | ${seen.laidOutAt ?? '–'} | ${seen.nodeCount} | ${seen.edgeCount} | ${longest} | ${seen.longTasks.join(' ')} | ${Object.entries(seen.timings).map(([k, ms]) => `${k} ${ms}`).join(', ')} |\n`);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    await store.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
