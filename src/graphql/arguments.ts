import { BadInputError } from '../domain/errors';
import { LANGUAGE_CODE_RULE, languageCode } from '../domain/language.codes';
import { MAX_PAGE_SIZE } from '../domain/query.types';
import type { NodeType } from '../domain/node.types';
import type { RequestContext } from './context';

/** Returns `first` when it is within 1..max; throws BAD_USER_INPUT naming the argument otherwise. */
export function checkFirst(first: number, argument = 'first', max = MAX_PAGE_SIZE): number {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new BadInputError(argument, `must be between 1 and ${max}, got ${first}`);
  }
  return first;
}

/** Returns `Kind:value` for a bare slug or code, and the id unchanged when it already has the prefix. */
export function qualify(kind: NodeType, value: string): string {
  const trimmed = value.trim();
  if (trimmed.includes(':')) return trimmed;
  return `${kind}:${kind === 'Country' ? trimmed.toUpperCase() : trimmed.toLowerCase()}`;
}

/**
 * Returns the ids of `values` (ids, slugs or codes) after checking that each names an existing
 * node of `kind`; throws BAD_USER_INPUT naming the argument and the unknown values.
 */
export async function knownIds(ctx: RequestContext, kind: NodeType, values: readonly string[] | undefined, argument: string): Promise<string[]> {
  if (!values?.length) return [];
  const ids = [...new Set(values.map((v) => qualify(kind, v)))];
  const nodes = await ctx.loaders.node.loadMany(ids);
  const unknown = ids.filter((id, i) => {
    const node = nodes[i];
    return !node || node instanceof Error || node.type !== kind;
  });
  if (unknown.length) {
    throw new BadInputError(argument, `unknown ${kind.toLowerCase()} ${unknown.map((u) => `"${u}"`).join(', ')}`);
  }
  return ids;
}

/** Returns the distinct language codes of `values` in lower case; throws BAD_USER_INPUT naming the argument and the values that are not codes. */
export function languageCodes(values: readonly string[] | null | undefined, argument: string): string[] {
  if (!values?.length) return [];
  const bad = values.filter((v) => languageCode(v) === null);
  if (bad.length) throw new BadInputError(argument, `${bad.map((v) => JSON.stringify(v)).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not ${LANGUAGE_CODE_RULE}`);
  return [...new Set(values.map((v) => languageCode(v)!))];
}
