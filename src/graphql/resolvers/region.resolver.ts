import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Region as RegionNode } from '../../domain/node.types';
import { checkFirst } from '../arguments';
import type { RequestContext } from '../context';
import { Country } from '../types/country.type';
import { Region } from '../types/region.type';
import { PublicationList, ThemeCount, YearCount } from '../types/views.types';
import { PRICED_MAX, container, storeList, storeObject } from '../cost';

/** Traversals from a region. */
@Resolver(() => Region)
export class RegionResolver {
  @FieldResolver(() => Region, { complexity: storeObject, nullable: true, description: 'The enclosing M49 area (null for World; the first overlapped area for CUSTOM regions).' })
  async parent(@Root() r: RegionNode, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.parentsOf(r.id))[0] ?? null;
  }

  @FieldResolver(() => [Region], { complexity: storeList(PRICED_MAX.regionChain), description: 'Every enclosing area: one for M49 areas, each overlapped area for CUSTOM regions.' })
  parents(@Root() r: RegionNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.parentsOf(r.id);
  }

  @FieldResolver(() => [Region], { complexity: storeList(PRICED_MAX.regionChain), description: 'The enclosing regions, innermost first, up to World.' })
  regionChain(@Root() r: RegionNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.regionChainOf(r.id);
  }

  @FieldResolver(() => [Region], { complexity: storeList(PRICED_MAX.children), description: 'Direct sub-regions.' })
  children(@Root() r: RegionNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.childrenOf(r.id);
  }

  @FieldResolver(() => [Country], { complexity: storeList(PRICED_MAX.countries), description: 'Countries directly in the region, or in its whole subtree with `recursive: true`.' })
  countries(@Root() r: RegionNode, @Ctx() ctx: RequestContext, @Arg('recursive', { defaultValue: false }) recursive: boolean) {
    return ctx.loaders.countriesOf(r.id, recursive);
  }

  @FieldResolver(() => PublicationList, { complexity: container(), description: 'Publications covering the region, its sub-regions or their countries, newest first.' })
  publications(@Root() r: RegionNode, @Ctx() ctx: RequestContext, @Arg('first', () => Int, { defaultValue: 20 }) first: number) {
    return ctx.loaders.publicationsOf(r.id, checkFirst(first)).then((s) => ({ totalCount: s.totalCount, nodes: s.items }));
  }

  @FieldResolver(() => [ThemeCount], { complexity: storeList(PRICED_MAX.themes), description: "Themes of the region's publications with counts." })
  themes(@Root() r: RegionNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.themeCountsOf(r.id).then((list) => list.map((x) => ({ theme: x.node, count: x.count })));
  }

  @FieldResolver(() => [YearCount], { complexity: storeList(PRICED_MAX.years), description: "The region's publications per year." })
  trend(@Root() r: RegionNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.trendOf(r.id);
  }
}
