import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import envPaths from 'env-paths';

/**
 * The data directory: `--data-dir`, else KG_DATA_DIR, else a `kg` folder in the user's data
 * directory (env-paths: `$XDG_DATA_HOME/kg` or `~/.local/share/kg` on Linux,
 * `~/Library/Application Support/kg` on macOS, `%LOCALAPPDATA%\kg\Data` on Windows). The embedded
 * store keeps its API keys and its write journal there. Created with mode 0700.
 */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag?.trim() || env.KG_DATA_DIR?.trim() || envPaths('kg', { suffix: '' }).data;
  const dir = resolve(chosen);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export const DATA_DIR_HELP = 'directory for API keys and other state (default: $KG_DATA_DIR, then a kg folder in your user data directory, e.g. ~/.local/share/kg)';
