import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Country as CountryNode } from '../../domain/node.types';
import { checkFirst } from '../arguments';
import type { RequestContext } from '../context';
import { Country } from '../types/country.type';
import { Region } from '../types/region.type';
import { PublicationList, ThemeCount, YearCount } from '../types/views.types';

/** Traversals from a country. */
@Resolver(() => Country)
export class CountryResolver {
  @FieldResolver(() => Region, { nullable: true, description: 'The most specific UN M49 area the country is in.' })
  async region(@Root() c: CountryNode, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.regionChainOf(c.id))[0] ?? null;
  }

  @FieldResolver(() => [Region], { description: 'The enclosing regions, innermost first, up to World.' })
  regionChain(@Root() c: CountryNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.regionChainOf(c.id);
  }

  @FieldResolver(() => PublicationList, { description: 'Publications covering the country (or also mentioning it), newest first.' })
  publications(
    @Root() c: CountryNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('includeMentions', { defaultValue: false }) includeMentions: boolean,
  ) {
    return ctx.loaders.publicationsOf(c.id, checkFirst(first), { includeMentions }).then((s) => ({ totalCount: s.totalCount, nodes: s.items }));
  }

  @FieldResolver(() => [ThemeCount], { description: "Themes of the country's publications with counts." })
  themes(@Root() c: CountryNode, @Ctx() ctx: RequestContext, @Arg('includeMentions', { defaultValue: false }) includeMentions: boolean) {
    return ctx.loaders.themeCountsOf(c.id, { includeMentions }).then((list) => list.map((x) => ({ theme: x.node, count: x.count })));
  }

  @FieldResolver(() => [YearCount], { description: "The country's publications per year." })
  trend(@Root() c: CountryNode, @Ctx() ctx: RequestContext, @Arg('includeMentions', { defaultValue: false }) includeMentions: boolean) {
    return ctx.loaders.trendOf(c.id, { includeMentions });
  }
}
