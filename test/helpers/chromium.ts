import { spawnSync } from 'node:child_process';

/** Debian's Chromium; the browser tests never download one. */
export const CHROMIUM = '/usr/bin/chromium';
export const WAIT_MS = 30_000;
/** Flags for headless Chromium in a sandbox-less container, offline from Google's services. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Headless Chromium has no GPU here: WebGL (sigma) runs on SwiftShader, Chromium's software renderer. */
export const WEBGL_ARGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

/**
 * Whether headless Chromium starts here with `args`. Jest picks tests before any hook runs, so this
 * probe is synchronous: it prints an empty page's DOM.
 */
function chromiumProblem(args: readonly string[]): string | null {
  const run = spawnSync(CHROMIUM, ['--headless', ...args, '--dump-dom', 'about:blank'], { timeout: WAIT_MS, encoding: 'utf8' });
  if (run.error) return run.error.message;
  return run.status === 0 ? null : `exit ${run.status ?? run.signal}: ${run.stderr.trim().split('\n').pop()}`;
}

/**
 * `describe` when Chromium starts with `args`. Without CI a Chromium that cannot start skips the
 * suite, loudly; under CI (CI=true) the suite runs and fails, never skips.
 */
export function describeWithChromium(what: string, args: readonly string[]): jest.Describe {
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  const problem = chromiumProblem(args);
  if (problem && !ci) process.stdout.write(`${'!'.repeat(20)} SKIPPING ${what}: ${CHROMIUM} cannot start (${problem}) ${'!'.repeat(20)}\n`);
  return problem && !ci ? describe.skip : describe;
}
