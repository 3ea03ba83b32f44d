import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigurationError } from '../../domain/errors';

/** Returns the repository's `cypher/` folder, found by walking up from this file (src/ or dist/src/). */
export function cypherDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'cypher');
    if (existsSync(join(candidate, 'schema.cypher'))) return candidate;
    dir = resolve(dir, '..');
  }
  throw new ConfigurationError(`cannot find the cypher/ folder above ${__dirname}`);
}

/** Reads every named statement from `<dir>/<name>.cypher` once; throws naming the first missing file. */
export class CypherLoader<Name extends string> {
  private readonly statements = new Map<Name, string>();

  constructor(readonly dir: string, names: readonly Name[]) {
    for (const name of names) {
      const file = join(dir, `${name}.cypher`);
      if (!existsSync(file)) {
        throw new ConfigurationError(`missing Cypher query file "${name}.cypher" (expected at ${file})`);
      }
      this.statements.set(name, readFileSync(file, 'utf8'));
    }
  }

  /** Returns the statement text for a name the loader was built with. */
  get(name: Name): string {
    const text = this.statements.get(name);
    if (text === undefined) throw new ConfigurationError(`Cypher query "${name}" was not loaded`);
    return text;
  }

  /** Returns the names of the `.cypher` files present in the folder, for the "every file is used" check. */
  static filesIn(dir: string): string[] {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.cypher'))
      .map((f) => f.slice(0, -'.cypher'.length))
      .sort();
  }
}

/**
 * Returns the statement with its `// <marker>:begin` … `// <marker>:end` slot replaced by `block`,
 * the block's later lines indented like the slot (a slot may sit inside a subquery); throws
 * naming the statement when it has no such slot. Blocks are fixed texts, never values.
 */
export function fillSlot(name: string, statement: string, marker: string, block: string): string {
  const slot = new RegExp(`// ${marker}:begin[^\\n]*\\n[\\s\\S]*?// ${marker}:end[^\\n]*(?:\\n|$)`).exec(statement);
  if (!slot) throw new ConfigurationError(`Cypher query "${name}" has no // ${marker}:begin … // ${marker}:end slot`);
  const indent = /[ \t]*$/.exec(statement.slice(0, slot.index))![0];
  const body = block.trimEnd().split('\n').join(`\n${indent}`);
  return `${statement.slice(0, slot.index)}${body}\n${statement.slice(slot.index + slot[0].length)}`;
}

/** Returns the statements of a schema file: split on ';' at line ends, with `//` comment lines dropped. */
export function splitStatements(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
