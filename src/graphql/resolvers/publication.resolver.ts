import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Publication as PublicationNode } from '../../domain/node.types';
import { checkFirst } from '../arguments';
import type { RequestContext } from '../context';
import { Author } from '../types/author.type';
import { Country } from '../types/country.type';
import { Publication } from '../types/publication.type';
import { Region } from '../types/region.type';
import { PublicationTheme, RelatedPublication } from '../types/views.types';
import { PRICED_MAX, storeList, storeListBy } from '../cost';
import { MAX_CHANGES_PAGE } from '../../domain/curation.types';
import { BadInputError } from '../../domain/errors';
import { Change } from '../types/curation.types';
import { toChange } from './write-context';

/** Traversals from a publication; each field is one batched store call per request. */
@Resolver(() => Publication)
export class PublicationResolver {
  @FieldResolver(() => [Author], { complexity: storeList(PRICED_MAX.perPublication), description: 'Authors in their listed order.' })
  authors(@Root() p: PublicationNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.authorsOf(p.id);
  }

  @FieldResolver(() => [Country], { complexity: storeList(PRICED_MAX.perPublication), description: 'Countries the source lists for this publication.' })
  async countries(@Root() p: PublicationNode, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.placesOf(p.id, 'COVERS')).filter((x) => x.type === 'Country');
  }

  @FieldResolver(() => [Region], { complexity: storeList(PRICED_MAX.perPublication), description: 'Regions the source lists for this publication.' })
  async regions(@Root() p: PublicationNode, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.placesOf(p.id, 'COVERS')).filter((x) => x.type === 'Region');
  }

  @FieldResolver(() => [Country], { complexity: storeList(PRICED_MAX.perPublication), description: 'Countries named only in the title or abstract.' })
  mentions(@Root() p: PublicationNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.placesOf(p.id, 'MENTIONS');
  }

  @FieldResolver(() => [PublicationTheme], { complexity: storeList(PRICED_MAX.themes), description: 'Themes with score and evidence, strongest first.' })
  themes(@Root() p: PublicationNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.themesOf(p.id).then((links) => links.map((link) => ({ ...link, note: link.curator?.note ?? null })));
  }

  @FieldResolver(() => [Change], { complexity: storeListBy('first', MAX_CHANGES_PAGE), description: 'This publication\'s changes, newest first (imports and curators).' })
  async history(@Root() p: PublicationNode, @Ctx() ctx: RequestContext, @Arg('first', () => Int, { defaultValue: 20, description: `At most ${MAX_CHANGES_PAGE}.` }) first: number) {
    if (!Number.isInteger(first) || first < 0 || first > MAX_CHANGES_PAGE) throw new BadInputError('first', `must be between 0 and ${MAX_CHANGES_PAGE}`);
    return (await ctx.loaders.historyOf(p.id, first)).map(toChange);
  }

  @FieldResolver(() => [RelatedPublication], { complexity: storeListBy('first', 100), description: 'Other publications ranked by shared themes and places (ties: newer first, then id).' })
  related(@Root() p: PublicationNode, @Ctx() ctx: RequestContext, @Arg('first', () => Int, { defaultValue: 5 }) first: number) {
    return ctx.loaders.relatedOf(p.id, checkFirst(first));
  }
}
