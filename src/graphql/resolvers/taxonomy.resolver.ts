import { Arg, Ctx, Extensions, Field, ID, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { ThemeDefinition } from '../../domain/curation.types';
import { BadInputError, ConfigurationError } from '../../domain/errors';
import { themesOfPublication } from '../../ingest/entry.resolver';
import { taggingWith } from '../../ingest/prepare-entry';
import type { RequestContext } from '../context';
import { inner, WRITE, writeObject } from '../cost';
import { ThemeInput } from '../inputs/theme.input';
import { Change } from '../types/curation.types';
import { Theme } from '../types/theme.type';
import { actor, toChange } from './write-context';

@ObjectType({ description: 'What upsertTheme did: the theme now, whether it is new, and the change (null when the definition was already this).' })
class ThemePayload {
  @Field(() => Theme) theme!: Theme;
  @Field() created!: boolean;
  @Field(() => Change, { nullable: true }) change!: Change | null;
}

/** The most RETAG changes a retag answer lists (every one is in the change feed). */
const MAX_RETAG_CHANGES_LISTED = 100;

@ObjectType({ description: 'What retag did. Every publication whose links changed has a RETAG change in the feed.' })
class RetagReport {
  @Field(() => Int, { description: 'Publications the tagger ran over.' }) checked!: number;
  @Field(() => Int, { description: 'Links the tagger added.' }) linked!: number;
  @Field(() => Int, { description: 'Links the tagger no longer makes, removed.' }) unlinked!: number;
  @Field(() => Int, { description: 'Pairs where a curator\'s decision stood against the tagger (never overridden).' }) kept!: number;
  @Field(() => Int, { description: 'Publications whose links changed (each at a new version).' }) changedPublications!: number;
  @Field(() => [Change], { complexity: inner(MAX_RETAG_CHANGES_LISTED), description: `Their changes (the first ${MAX_RETAG_CHANGES_LISTED}; the feed has all).` }) changes!: Change[];
}

/** `retag`: a write that reads every publication, priced as ten writes, plus its report. */
const retagCost = ({ childComplexity }: { childComplexity: number }) => 10 * WRITE + 1 + childComplexity;

/** The taxonomy's writes, for admins: theme definitions and re-running the tagger. */
@Resolver()
export class TaxonomyResolver {
  @Extensions({ role: 'admin' })
  @Mutation(() => ThemePayload, {
    complexity: writeObject,
    description: 'Creates or replaces a theme: name, description, broader theme and match terms. Imports tag with it from then on and never overwrite it; run `retag` to apply new terms to the publications already stored. Needs ADMIN.',
  })
  async upsertTheme(@Arg('input', () => ThemeInput) input: ThemeInput, @Ctx() ctx: RequestContext): Promise<ThemePayload> {
    const broader = input.broader ? (input.broader.startsWith('Theme:') ? input.broader : `Theme:${input.broader}`) : null;
    const definition: ThemeDefinition = {
      id: `Theme:${input.slug}`, slug: input.slug, name: input.name.trim(), description: input.description.trim(), broader,
      terms: input.terms.map((t) => t.trim()), exactTerms: (input.exactTerms ?? []).map((t) => t.trim()),
    };
    // The whole taxonomy with this definition must hold together: a known broader theme, no cycle.
    const stored = await ctx.store.themeDefinitions();
    try {
      taggingWith([...stored.filter((d) => d.id !== definition.id), definition]);
    } catch (err) {
      if (err instanceof ConfigurationError) throw new BadInputError('input.broader', err.message.replace(/^.*?: theme #\d+ /, 'theme '));
      throw err;
    }
    const result = await ctx.store.upsertTheme({ ...actor(ctx), definition });
    return Object.assign(new ThemePayload(), { theme: result.theme, created: result.created, change: result.change && toChange(result.change) });
  }

  @Extensions({ role: 'admin' })
  @Mutation(() => RetagReport, {
    complexity: retagCost,
    description: 'Runs the tagger again over every publication for these themes, with the current taxonomy (upsertTheme\'s definitions included), as an import would tag them. Never overrides a curator: a REJECTED pair stays unlinked, a CONFIRMED one linked. One transaction. Needs ADMIN.',
  })
  async retag(@Arg('themes', () => [ID]) themes: string[], @Ctx() ctx: RequestContext): Promise<RetagReport> {
    if (themes.length === 0) throw new BadInputError('themes', 'must name at least one theme');
    const ids = themes.map((t) => (t.startsWith('Theme:') ? t : `Theme:${t}`));
    const { tagger } = taggingWith(await ctx.store.themeDefinitions());
    const result = await ctx.store.retag({
      ...actor(ctx), themes: ids,
      judge: (p) => themesOfPublication(tagger, p.title, p.abstract, p.sourceCategory, p.language),
    });
    return Object.assign(new RetagReport(), {
      checked: result.checked, linked: result.linked, unlinked: result.unlinked, kept: result.kept,
      changedPublications: result.changes.length, changes: result.changes.slice(0, MAX_RETAG_CHANGES_LISTED).map(toChange),
    });
  }
}

