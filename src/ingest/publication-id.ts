import { createHash } from 'node:crypto';
import { slugOf } from './text.normalize';

const MAX_SLUG = 96;

/** Returns the stable id of a publication: `Publication:<slug of its title>`, shortened with a digest past 96 characters. */
export function publicationId(title: string): string {
  const slug = slugOf(title) || 'untitled';
  if (slug.length <= MAX_SLUG) return `Publication:${slug}`;
  // A cut alone could merge two long titles that share a beginning; the digest keeps them apart.
  const cut = slug.slice(0, MAX_SLUG - 8).replace(/-[^-]*$/, '');
  const digest = createHash('sha1').update(slug).digest('hex').slice(0, 6);
  return `Publication:${cut}-${digest}`;
}

/** Returns the stable id of an author: `Author:<slug of the name>`, so spellings differing only in case, accents or dots merge. */
export function authorId(name: string): string {
  return `Author:${slugOf(name.replace(/\./g, ' '))}`;
}
