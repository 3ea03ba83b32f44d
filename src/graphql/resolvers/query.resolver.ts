import graphqlFields from 'graphql-fields';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, ID, Info, Int, Query, Resolver } from 'type-graphql';
import { BadInputError } from '../../domain/errors';
import type { GraphNode, NodeType as DomainNodeType } from '../../domain/node.types';
import type { PublicationFilter } from '../../domain/query.types';
import type { PublicationIncludes } from '../../store/store';
import { checkFirst, knownIds, languageCodes, qualify } from '../arguments';
import type { RequestContext } from '../context';
import { decodeCursor, encodeCursor } from '../cursor';
import { NodeType, PublicationOrderField, RegionLevel, SortDirection } from '../enums';
import { PublicationsArgs } from '../inputs/publications.args';
import { Author } from '../types/author.type';
import { AuthorConnection, PublicationConnection } from '../types/connection.types';
import { Country } from '../types/country.type';
import { Node } from '../types/node.interface';
import { Publication } from '../types/publication.type';
import { Region } from '../types/region.type';
import { Theme } from '../types/theme.type';
import { SearchHit } from '../types/views.types';
import { AGGREGATE, PRICED_MAX, container, searchCost, storeList, storeListBy, storeObject } from '../cost';

/** Root queries: lookups, lists, the publication connection and search. */
@Resolver()
export class QueryResolver {
  @Query(() => Node, { complexity: storeObject, nullable: true, description: 'Any node by id, e.g. `Theme:gangs` or `Country:BD`; null when unknown.' })
  node(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<GraphNode | null> {
    return ctx.loaders.node.load(id);
  }

  @Query(() => [Node], { complexity: storeListBy('ids', 100), nullable: 'items', description: 'Nodes by id, in the order asked (null for unknown ids); at most 100.' })
  async nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: RequestContext): Promise<(GraphNode | null)[]> {
    return ctx.store.getNodes(ids);
  }

  @Query(() => Publication, { complexity: storeObject, nullable: true })
  publication(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.typed(ctx, qualify('Publication', id), 'Publication');
  }

  @Query(() => Author, { complexity: storeObject, nullable: true })
  author(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.typed(ctx, qualify('Author', id), 'Author');
  }

  @Query(() => Country, { complexity: storeObject, nullable: true, description: 'A country by id (`Country:BD`), ISO code (`BD`, `BGD`) or name (case and accents ignored).' })
  async country(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('iso', () => String, { nullable: true }) iso?: string,
    @Arg('name', () => String, { nullable: true }) name?: string,
  ) {
    const given = [id, iso, name].filter((v) => v !== undefined && v !== null);
    if (given.length !== 1) throw new BadInputError('id', 'give exactly one of id, iso or name');
    // By id through the request's node loader: batched with other lookups, and answered from the
    // store's copy of the reference data when it keeps one.
    if (id) return this.typed(ctx, qualify('Country', id), 'Country');
    return ctx.store.findCountry({ iso, name });
  }

  @Query(() => Region, { complexity: storeObject, nullable: true, description: 'A region by id or slug (`Region:southern-asia` or `southern-asia`).' })
  region(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.typed(ctx, qualify('Region', id), 'Region');
  }

  @Query(() => Theme, { complexity: storeObject, nullable: true, description: 'A theme by id or slug (`Theme:gangs` or `gangs`).' })
  theme(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.typed(ctx, qualify('Theme', id), 'Theme');
  }

  @Query(() => [Theme], { complexity: storeList(PRICED_MAX.themes), description: 'Every theme of the taxonomy, by name.' })
  themes(@Ctx() ctx: RequestContext) {
    return ctx.store.listThemes();
  }

  @Query(() => [Country], { complexity: storeList(PRICED_MAX.countries), description: 'Countries by name: those with publications, or all with `all: true`.' })
  countries(
    @Ctx() ctx: RequestContext,
    @Arg('all', { defaultValue: false }) all: boolean,
    @Arg('includeMentions', { defaultValue: false, description: 'Also count publications that only mention a country.' }) includeMentions: boolean,
  ) {
    return ctx.store.listCountries({ all, includeMentions });
  }

  @Query(() => [Region], { complexity: storeList(PRICED_MAX.regions), description: 'Regions: World, then M49 regions, sub-regions, intermediate regions and custom regions.' })
  async regions(@Ctx() ctx: RequestContext, @Arg('level', () => RegionLevel, { nullable: true }) level?: RegionLevel) {
    const all = await ctx.store.listRegions();
    return level ? all.filter((r) => r.level === level) : all;
  }

  @Query(() => AuthorConnection, { complexity: container(), description: 'Authors by name.' })
  async authors(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('nameContains', () => String, { nullable: true }) nameContains?: string,
  ): Promise<AuthorConnection> {
    checkFirst(first);
    const page = await ctx.store.listAuthors({ first, after: after ? decodeCursor(after, 'NAME') : null }, nameContains ?? undefined);
    const edges = page.items.map((item) => ({ cursor: encodeCursor('NAME', item.key), node: item.node }));
    return { edges, nodes: edges.map((e) => e.node), totalCount: page.totalCount, pageInfo: pageInfo(edges, page.hasNextPage, !!after) };
  }

  @Query(() => PublicationConnection, { complexity: container('first', 100, AGGREGATE), description: 'Publications matching a filter, one page at a time.' })
  async publications(@Args() args: PublicationsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<PublicationConnection> {
    checkFirst(args.first);
    const order = { field: args.orderBy?.field ?? PublicationOrderField.YEAR, direction: args.orderBy?.direction ?? SortDirection.DESC };
    const filter = await toDomainFilter(ctx, args.filter);
    if (order.field === PublicationOrderField.RELEVANCE && !filter.text) {
      throw new BadInputError('orderBy.field', 'RELEVANCE needs filter.text');
    }
    const orderKey = `${order.field}_${order.direction}`;
    const after = args.after ? decodeCursor(args.after, orderKey) : null;
    const page = await ctx.store.findPublications(filter, order, { first: args.first, after }, pageIncludes(info));
    if (page.related) ctx.loaders.primePublications(page.related);
    const edges = page.items.map((item) => ({ cursor: encodeCursor(orderKey, item.key), node: item.node as Publication }));
    return { edges, nodes: edges.map((e) => e.node), totalCount: page.totalCount, pageInfo: pageInfo(edges, page.hasNextPage, !!after) };
  }

  @Query(() => [SearchHit], { complexity: searchCost, description: 'Free-text search across publications, authors, countries, regions and themes.' })
  async search(
    @Ctx() ctx: RequestContext,
    @Arg('query') query: string,
    @Arg('types', () => [NodeType], { nullable: true }) types?: NodeType[],
    @Arg('first', () => Int, { defaultValue: 10 }) first = 10,
  ) {
    checkFirst(first);
    if (!query.trim()) throw new BadInputError('query', 'must not be empty');
    const wanted = (types?.length ? types : Object.values(NodeType)) as DomainNodeType[];
    return ctx.store.search(query, wanted, first);
  }

  private async typed(ctx: RequestContext, id: string, type: DomainNodeType): Promise<GraphNode | null> {
    const node = await ctx.loaders.node.load(id);
    return node && node.type === type ? node : null;
  }
}

function pageInfo(edges: { cursor: string }[], hasNextPage: boolean, hasPreviousPage: boolean) {
  return {
    hasNextPage,
    hasPreviousPage,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  };
}

/** Returns the store's filter for the GraphQL filter, after checking every id and range; errors name the argument. */
export async function toDomainFilter(ctx: RequestContext, f: PublicationsArgs['filter']): Promise<PublicationFilter> {
  if (!f) return {};
  if (f.yearFrom != null && f.yearTo != null && f.yearFrom > f.yearTo) {
    throw new BadInputError('filter.yearFrom', `yearFrom (${f.yearFrom}) is after yearTo (${f.yearTo})`);
  }
  const [themes, countries, regions, authors] = await Promise.all([
    knownIds(ctx, 'Theme', f.themes, 'filter.themes'),
    knownIds(ctx, 'Country', f.countries, 'filter.countries'),
    knownIds(ctx, 'Region', f.regions, 'filter.regions'),
    knownIds(ctx, 'Author', f.authors, 'filter.authors'),
  ]);
  const text = f.text?.trim();
  return {
    themes, countries, regions, authors,
    yearFrom: f.yearFrom ?? undefined,
    yearTo: f.yearTo ?? undefined,
    scopes: f.scope ?? undefined,
    languages: languageCodes(f.languages, 'filter.languages'),
    text: text ? text : undefined,
    includeMentions: f.includeMentions ?? false,
  };
}

/**
 * What a publication page's selection shows of each publication (under `nodes` or `edges.node`,
 * fragments included), so the page's own statement reads it (GraphStore.findPublications).
 */
function pageIncludes(info: GraphQLResolveInfo): PublicationIncludes {
  const selected = graphqlFields(info) as { nodes?: Record<string, unknown>; edges?: { node?: Record<string, unknown> } };
  const shown = { ...(selected.nodes ?? {}), ...(selected.edges?.node ?? {}) };
  return { authors: 'authors' in shown, covers: 'countries' in shown || 'regions' in shown, mentions: 'mentions' in shown, themes: 'themes' in shown };
}
