import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { MAX_CHANGES_PAGE, type ChangeRecord, type CurationResult, type PublicationEdit, type WriteActor } from '../../domain/curation.types';
import { BadInputError } from '../../domain/errors';
import type { NodeType as DomainNodeType } from '../../domain/node.types';
import type { RequestContext } from '../context';
import { container, writeObject } from '../cost';
import { NodeType } from '../enums';
import { PublicationPatchInput } from '../inputs/publication-patch.input';
import { Change, ChangeConnection, ChangeOperationName, CurationPayload, ThemeDecisionName } from '../types/curation.types';

/** A change record as the API shows it. */
export function toChange(record: ChangeRecord): Change {
  return Object.assign(new Change(), {
    seq: record.seq, at: new Date(record.at), by: record.by, operation: record.operation as ChangeOperationName,
    ids: [...record.ids], before: record.before, after: record.after,
  });
}

function payload(result: CurationResult): CurationPayload {
  return Object.assign(new CurationPayload(), { publication: result.publication, change: result.change ? toChange(result.change) : null });
}

/** Who writes, and now. */
function actor(ctx: RequestContext): WriteActor {
  return { by: ctx.client.identity.name, at: new Date().toISOString() };
}

/** The bounded note of a decision. */
const MAX_NOTE = 2_000;

@ArgsType()
class ChangesArgs {
  @Field(() => String, { nullable: true, description: 'A `seq` (an endCursor): only changes after it. Omit for the oldest kept.' })
  after?: string | null;

  @Field(() => Int, { defaultValue: 20, description: `At most ${MAX_CHANGES_PAGE}.` })
  first!: number;

  @Field(() => [NodeType], { nullable: true, description: 'Only changes that touched a node of these types (all when omitted).' })
  types?: NodeType[] | null;
}

/**
 * Curators' writes (each needs the `curator` role: README, "Access control") and the change feed.
 * Each write is one store transaction, all or nothing, recorded as one change.
 */
@Resolver()
export class CurationResolver {
  @Mutation(() => CurationPayload, { complexity: writeObject, description: 'Records a curator\'s decision on a publication–theme pair. CONFIRMED makes the link the curator\'s; REJECTED hides it from every read. Re-imports respect both.' })
  async setPublicationTheme(
    @Arg('publication', () => ID) publication: string,
    @Arg('theme', () => ID) theme: string,
    @Arg('decision', () => ThemeDecisionName) decision: ThemeDecisionName,
    @Arg('note', () => String, { nullable: true, description: `Why (at most ${MAX_NOTE} characters).` }) note: string | null | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<CurationPayload> {
    if (note && note.length > MAX_NOTE) throw new BadInputError('note', `must be at most ${MAX_NOTE} characters (it has ${note.length})`);
    return payload(await ctx.store.setPublicationTheme({ ...actor(ctx), publicationId: publication, themeId: qualified('Theme', theme), decision, note: note ?? null }));
  }

  @Mutation(() => CurationPayload, { complexity: writeObject, description: 'Removes a curator\'s decision on a pair: the link goes back to the tagger\'s judgement.' })
  async clearPublicationTheme(
    @Arg('publication', () => ID) publication: string,
    @Arg('theme', () => ID) theme: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CurationPayload> {
    return payload(await ctx.store.clearPublicationTheme({ ...actor(ctx), publicationId: publication, themeId: qualified('Theme', theme) }));
  }

  @Mutation(() => CurationPayload, { complexity: writeObject, description: 'Changes some fields of a publication, if it is still at `expectedVersion` (else CONFLICT, with the current version in `extensions.currentVersion`).' })
  async updatePublication(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => PublicationPatchInput) input: PublicationPatchInput,
    @Arg('expectedVersion', () => Int, { description: 'The `version` you read; the write is refused if it has changed since.' }) expectedVersion: number,
    @Ctx() ctx: RequestContext,
  ): Promise<CurationPayload> {
    const edit: { -readonly [K in keyof PublicationEdit]: PublicationEdit[K] } = {};
    if (input.title !== undefined && input.title !== null) edit.title = input.title;
    if (input.abstract !== undefined && input.abstract !== null) edit.abstract = input.abstract;
    if (input.year !== undefined) edit.year = input.year;
    return payload(await ctx.store.updatePublication({ ...actor(ctx), id, edit, expectedVersion }));
  }

  @Query(() => ChangeConnection, { complexity: container('first', MAX_CHANGES_PAGE), description: 'The change feed, oldest first: every write by a curator or an import. Dashboards poll it with `after:` the last `endCursor`.' })
  async changes(@Args() { after, first, types }: ChangesArgs, @Ctx() ctx: RequestContext): Promise<ChangeConnection> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_CHANGES_PAGE) throw new BadInputError('first', `must be between 0 and ${MAX_CHANGES_PAGE}`);
    let afterSeq: number | null = null;
    if (after !== undefined && after !== null) {
      if (!/^\d{1,15}$/.test(after)) throw new BadInputError('after', `"${after.slice(0, 40)}" is not a change's seq (an endCursor from a previous page)`);
      afterSeq = Number(after);
    }
    const page = await ctx.store.changes({ after: afterSeq, first, types: (types ?? []) as unknown as DomainNodeType[] });
    const nodes = page.items.map(toChange);
    return Object.assign(new ChangeConnection(), {
      nodes,
      edges: nodes.map((node) => ({ cursor: String(node.seq), node })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: nodes.length ? String(nodes[nodes.length - 1]!.seq) : after ?? null },
    });
  }
}

/** `gangs` or `Theme:gangs`. */
function qualified(type: string, id: string): string {
  return id.includes(':') ? id : `${type}:${id}`;
}
