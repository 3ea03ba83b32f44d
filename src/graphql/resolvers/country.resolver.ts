import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Country as CountryNode } from '../../domain/node.types';
import { checkFirst } from '../arguments';
import type { RequestContext } from '../context';
import { Country } from '../types/country.type';
import { Region } from '../types/region.type';
import { PublicationList, ThemeCount, YearCount } from '../types/views.types';
import { PRICED_MAX, container, storeList, storeObject } from '../cost';

/** Traversals from a country. */
@Resolver(() => Country)
export class CountryResolver {
  @FieldResolver(() => Region, { complexity: storeObject, nullable: true, description: 'The most specific UN M49 area the country is in.' })
  async region(@Root() c: CountryNode, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.regionChainOf(c.id))[0] ?? null;
  }

  @FieldResolver(() => [Region], { complexity: storeList(PRICED_MAX.regionChain), description: 'The enclosing regions, innermost first, up to World.' })
  regionChain(@Root() c: CountryNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.regionChainOf(c.id);
  }

  @FieldResolver(() => PublicationList, { complexity: container(), description: 'Publications covering the country (or also mentioning it), newest first.' })
  publications(
    @Root() c: CountryNode,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('includeMentions', { defaultValue: false }) includeMentions: boolean,
  ) {
    return ctx.loaders.publicationsOf(c.id, checkFirst(first), { includeMentions }).then((s) => ({ totalCount: s.totalCount, nodes: s.items }));
  }

  @FieldResolver(() => [ThemeCount], { complexity: storeList(PRICED_MAX.themes), description: "Themes of the country's publications with counts." })
  themes(@Root() c: CountryNode, @Ctx() ctx: RequestContext, @Arg('includeMentions', { defaultValue: false }) includeMentions: boolean) {
    return ctx.loaders.themeCountsOf(c.id, { includeMentions }).then((list) => list.map((x) => ({ theme: x.node, count: x.count })));
  }

  @FieldResolver(() => [YearCount], { complexity: storeList(PRICED_MAX.years), description: "The country's publications per year." })
  trend(@Root() c: CountryNode, @Ctx() ctx: RequestContext, @Arg('includeMentions', { defaultValue: false }) includeMentions: boolean) {
    return ctx.loaders.trendOf(c.id, { includeMentions });
  }
}
