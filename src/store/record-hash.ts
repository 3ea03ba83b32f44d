import { createHash } from 'node:crypto';
import type { PublicationRecord } from '../domain/import.types';

/** Returns a stable digest of everything an import writes for a record (not where it came from). */
export function recordHash(record: PublicationRecord): string {
  const { location: _location, ...content } = record;
  return createHash('sha1').update(JSON.stringify(content)).digest('base64url');
}
