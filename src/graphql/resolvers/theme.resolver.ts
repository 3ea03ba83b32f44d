import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Theme as ThemeNode } from '../../domain/node.types';
import { checkFirst } from '../arguments';
import type { RequestContext } from '../context';
import { Theme } from '../types/theme.type';
import { CountryCount, PublicationList, RegionCount, RelatedTheme, YearCount } from '../types/views.types';
import { PRICED_MAX, container, storeList, storeListBy, storeObject } from '../cost';

/** Traversals from a theme. */
@Resolver(() => Theme)
export class ThemeResolver {
  @FieldResolver(() => Theme, { complexity: storeObject, nullable: true, description: 'The broader theme, if any.' })
  async broader(@Root() t: ThemeNode, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.broaderOf(t.id))[0] ?? null;
  }

  @FieldResolver(() => [Theme], { complexity: storeList(PRICED_MAX.themes), description: 'Narrower themes.' })
  narrower(@Root() t: ThemeNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.narrowerOf(t.id);
  }

  @FieldResolver(() => PublicationList, { complexity: container(), description: 'Publications about the theme, newest first.' })
  publications(@Root() t: ThemeNode, @Ctx() ctx: RequestContext, @Arg('first', () => Int, { defaultValue: 20 }) first: number) {
    return ctx.loaders.publicationsOf(t.id, checkFirst(first)).then((s) => ({ totalCount: s.totalCount, nodes: s.items }));
  }

  @FieldResolver(() => [RelatedTheme], { complexity: storeListBy('first', 100), description: 'Themes that co-occur on publications, most shared first, with Jaccard and lift.' })
  relatedThemes(@Root() t: ThemeNode, @Ctx() ctx: RequestContext, @Arg('first', () => Int, { defaultValue: 10 }) first: number) {
    return ctx.loaders.relatedThemesOf(t.id, checkFirst(first));
  }

  @FieldResolver(() => [CountryCount], { complexity: storeList(PRICED_MAX.countries), description: 'Countries covered by publications about the theme, with counts.' })
  countries(@Root() t: ThemeNode, @Ctx() ctx: RequestContext, @Arg('includeMentions', { defaultValue: false }) includeMentions: boolean) {
    return ctx.loaders.countryCountsOf(t.id, { includeMentions }).then((list) => list.map((x) => ({ country: x.node, count: x.count })));
  }

  @FieldResolver(() => [RegionCount], { complexity: storeList(PRICED_MAX.regions), description: 'Regions with the number of publications about the theme covering them, their sub-regions or countries.' })
  regions(@Root() t: ThemeNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.regionCountsOf(t.id).then((list) => list.map((x) => ({ region: x.node, count: x.count })));
  }

  @FieldResolver(() => [YearCount], { complexity: storeList(PRICED_MAX.years), description: 'Publications about the theme per year.' })
  trend(@Root() t: ThemeNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.trendOf(t.id);
  }
}
