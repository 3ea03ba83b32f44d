import { BadInputError } from '../domain/errors';
import type { PageKey } from '../domain/query.types';

const PREFIX = 'kg1:';

/** Returns an opaque cursor for a row of a list sorted by `order`. */
export function encodeCursor(order: string, key: PageKey): string {
  return PREFIX + Buffer.from(JSON.stringify([order, key.sort, key.id])).toString('base64url');
}

/** Returns the page key in a cursor; throws BadInputError naming `argument` if it is malformed or from another order. */
export function decodeCursor(cursor: string, order: string, argument = 'after'): PageKey {
  const fail = (why: string): never => {
    throw new BadInputError(argument, `malformed cursor: ${why}; pass an endCursor from a previous page of the same query`);
  };
  if (!cursor.startsWith(PREFIX)) fail('unknown format');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return fail('not decodable');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return fail('wrong shape');
  const [o, sort, id] = parsed as unknown[];
  if (typeof id !== 'string' || !(sort === null || typeof sort === 'string' || typeof sort === 'number')) return fail('wrong shape');
  if (o !== order) return fail(`it belongs to a list sorted by ${String(o)}, not ${order}`);
  return { sort, id };
}
