import type { ChangeRecord, WriteActor } from '../../domain/curation.types';
import { taggingWith, type Tagging } from '../../ingest/prepare-entry';
import type { RequestContext } from '../context';
import { Change, ChangeOperationName } from '../types/curation.types';

/** Who writes (the request's identity), and now. */
export function actor(ctx: RequestContext): WriteActor {
  return { by: ctx.client.identity.name, at: new Date().toISOString() };
}

/** The tagging writes use: data/taxonomy.yaml with the themes admins defined in the store (one round trip). */
export async function writeTagging(ctx: RequestContext): Promise<Tagging> {
  return taggingWith(await ctx.store.themeDefinitions());
}

/** A change record as the API shows it. */
export function toChange(record: ChangeRecord): Change {
  return Object.assign(new Change(), {
    seq: record.seq, at: new Date(record.at), by: record.by, operation: record.operation as ChangeOperationName,
    ids: [...record.ids], before: record.before, after: record.after,
  });
}
