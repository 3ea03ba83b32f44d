import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { MAX_CHANGES_PAGE, MAX_NOTE, type ChangeRecord, type CurationResult, type PublicationEdit, type WriteActor } from '../../domain/curation.types';
import { BadInputError, InvalidFieldsError } from '../../domain/errors';
import type { NodeType as DomainNodeType } from '../../domain/node.types';
import type { RequestContext } from '../context';
import { container, writeObject } from '../cost';
import { NodeType } from '../enums';
import { PublicationPatchInput } from '../inputs/publication-patch.input';
import { INPUT_FIELD_OF, NewPublicationInput } from '../inputs/new-publication.input';
import { prepareEntry } from '../../ingest/prepare-entry';
import { actor, toChange, writeTagging } from './write-context';
import { Change, ChangeConnection, ChangeOperationName, CurationPayload, DeletionPayload, MergePayload, ThemeDecisionName } from '../types/curation.types';

function payload(result: CurationResult): CurationPayload {
  return Object.assign(new CurationPayload(), { publication: result.publication, change: result.change ? toChange(result.change) : null });
}


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
    @Arg('note', () => String, { nullable: true, description: 'Why.' }) note: string | null | undefined,
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

  @Mutation(() => CurationPayload, { complexity: writeObject, description: 'Changes some fields of a publication, if it is still at `expectedVersion` (else CONFLICT, with the current version in `extensions.currentVersion`). Its `language` and theme links stay as they are: the language is the source entry\'s.' })
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

  @Mutation(() => CurationPayload, { complexity: writeObject, description: 'Adds a publication, checked, placed and tagged exactly as an imported entry (same errors, field by field). CONFLICT when its id exists; a deleted publication\'s id may be created again.' })
  async createPublication(@Arg('input', () => NewPublicationInput) input: NewPublicationInput, @Ctx() ctx: RequestContext): Promise<CurationPayload> {
    const tagging = await writeTagging(ctx);
    const { record, problems } = prepareEntry(input.toEntry(), tagging);
    if (!record || problems.length) {
      throw new InvalidFieldsError(problems.map((p) => {
        const field = INPUT_FIELD_OF[p.field] ?? p.field;
        return { argument: `input.${field}`, field, message: p.message };
      }));
    }
    const who = actor(ctx);
    await ctx.store.importPublications([record], tagging.reference, { createOnly: true, actor: who });
    const [[publication], history] = await Promise.all([ctx.store.getNodes([record.id]), ctx.store.historyOf([record.id], 1)]);
    if (publication?.type !== 'Publication') throw new Error(`invariant: ${record.id} was created but cannot be read`);
    const change = history.get(record.id)?.[0] ?? null;
    return payload({ publication, change: change?.operation === 'CREATE_PUBLICATION' ? change : null });
  }

  @Mutation(() => DeletionPayload, { complexity: writeObject, description: 'Deletes a publication with its links and decisions, if it is still at `expectedVersion`. Its change history stays, and imports leave its source entry out from then on.' })
  async deletePublication(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int, { description: 'The `version` you read; the deletion is refused (CONFLICT) if it has changed since.' }) expectedVersion: number,
    @Ctx() ctx: RequestContext,
  ): Promise<DeletionPayload> {
    const { publication, change } = await ctx.store.deletePublication({ ...actor(ctx), id, expectedVersion });
    return Object.assign(new DeletionPayload(), { id: publication.id, title: publication.title, version: publication.version ?? 1, change: toChange(change) });
  }

  @Mutation(() => MergePayload, { complexity: writeObject, description: 'Merges authors who are one person: the `from` authors\' publications move to `into` (one link per publication), the `from` authors go, and their spellings become `into`\'s aliases, so a later import of any of them links to `into`.' })
  async mergeAuthors(
    @Arg('into', () => ID, { description: 'The author kept.' }) into: string,
    @Arg('from', () => [ID], { description: 'The authors merged into it and deleted.' }) from: string[],
    @Ctx() ctx: RequestContext,
  ): Promise<MergePayload> {
    const result = await ctx.store.mergeAuthors({ ...actor(ctx), into: qualified('Author', into), from: from.map((id) => qualified('Author', id)) });
    return Object.assign(new MergePayload(), { author: result.author, publicationCount: result.publications.length, change: toChange(result.change) });
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
