import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = join(__dirname, '..', '..');
/** The compiled CLI (`npm run -s build` first). */
export const KG = join(ROOT, 'dist', 'src', 'cli', 'kg.js');

/** A `kg serve` child process, its URL and its parsed log lines. */
export interface ServedKg {
  readonly child: ChildProcess;
  readonly url: string;
  readonly lines: Record<string, any>[];
}

/**
 * Starts `kg serve --port 0 …args` and resolves once it has logged both its ready line and its
 * access line (which follows it), within 60 s; the child is pushed to `started` for clean-up.
 */
export function serveKg(args: readonly string[], env: NodeJS.ProcessEnv, started?: ChildProcess[]): Promise<ServedKg> {
  const child = spawn(process.execPath, [KG, 'serve', '--port', '0', ...args], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  started?.push(child);
  const lines: Record<string, any>[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kg serve did not become ready within 60 s:\n${lines.map((l) => l.msg).join('\n')}`)), 60_000);
    createInterface({ input: child.stderr! }).on('line', (line) => {
      try {
        lines.push(JSON.parse(line));
      } catch {
        return;
      }
      if (lines.some((l) => l.url) && lines.some((l) => l.dataDir)) {
        clearTimeout(timer);
        resolve({ child, url: lines.find((l) => l.url)!.url, lines });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kg serve exited with ${code}:\n${lines.map((l) => l.msg).join('\n')}`));
    });
  });
}
