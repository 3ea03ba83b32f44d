import type { Author } from '../domain/node.types';

/** The aliases of a merged author: its own, then each merged author's name and aliases, once each, never its own name. */
export function mergedAliases(target: Author, sources: readonly Author[]): string[] {
  const out: string[] = [];
  for (const name of [...(target.aliases ?? []), ...sources.flatMap((s) => [s.name, ...(s.aliases ?? [])])]) {
    if (name !== target.name && !out.includes(name)) out.push(name);
  }
  return out;
}
