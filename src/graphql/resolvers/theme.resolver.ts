import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Theme as ThemeNode } from '../../domain/node.types';
import { checkFirst } from '../arguments';
import type { RequestContext } from '../context';
import { Theme } from '../types/theme.type';
import { CountryCount, PublicationList, RegionCount, RelatedTheme, YearCount } from '../types/views.types';

/** Traversals from a theme. */
@Resolver(() => Theme)
export class ThemeResolver {
  @FieldResolver(() => Theme, { nullable: true, description: 'The broader theme, if any.' })
  async broader(@Root() t: ThemeNode, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.broaderOf(t.id))[0] ?? null;
  }

  @FieldResolver(() => [Theme], { description: 'Narrower themes.' })
  narrower(@Root() t: ThemeNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.narrowerOf(t.id);
  }

  @FieldResolver(() => PublicationList, { description: 'Publications about the theme, newest first.' })
  publications(@Root() t: ThemeNode, @Ctx() ctx: RequestContext, @Arg('first', () => Int, { defaultValue: 20 }) first: number) {
    return ctx.loaders.publicationsOf(t.id, checkFirst(first)).then((s) => ({ totalCount: s.totalCount, nodes: s.items }));
  }

  @FieldResolver(() => [RelatedTheme], { description: 'Themes that co-occur on publications, most shared first, with Jaccard and lift.' })
  relatedThemes(@Root() t: ThemeNode, @Ctx() ctx: RequestContext, @Arg('first', () => Int, { defaultValue: 10 }) first: number) {
    return ctx.loaders.relatedThemesOf(t.id, checkFirst(first));
  }

  @FieldResolver(() => [CountryCount], { description: 'Countries covered by publications about the theme, with counts.' })
  countries(@Root() t: ThemeNode, @Ctx() ctx: RequestContext, @Arg('includeMentions', { defaultValue: false }) includeMentions: boolean) {
    return ctx.loaders.countryCountsOf(t.id, { includeMentions }).then((list) => list.map((x) => ({ country: x.node, count: x.count })));
  }

  @FieldResolver(() => [RegionCount], { description: 'Regions with the number of publications about the theme covering them, their sub-regions or countries.' })
  regions(@Root() t: ThemeNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.regionCountsOf(t.id).then((list) => list.map((x) => ({ region: x.node, count: x.count })));
  }

  @FieldResolver(() => [YearCount], { description: 'Publications about the theme per year.' })
  trend(@Root() t: ThemeNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.trendOf(t.id);
  }
}
