import type { GraphQLResolveInfo } from 'graphql';
import graphqlFields from 'graphql-fields';
import { Arg, Args, ArgsType, Ctx, Field, ID, Info, Int, Query, Resolver } from 'type-graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { BadInputError, unknownNodeError } from '../../domain/errors';
import type { GraphNode, NodeType as DomainNodeType } from '../../domain/node.types';
import {
  FACET_DIMENSIONS, MAX_MATRIX_CELLS, MAX_NEIGHBORHOOD_DEPTH, MAX_NEIGHBORHOOD_NODES, MAX_PATH_HOPS, MAX_PATHS,
  type PlaceLevel as DomainPlaceLevel, type RelationshipKind as DomainRelationshipKind,
} from '../../domain/query.types';
import { checkFirst, knownIds } from '../arguments';
import type { RequestContext } from '../context';
import { NodeType, PlaceLevel, RelationshipKind } from '../enums';
import { PublicationFilterInput } from '../inputs/publication-filter.input';
import { Facets, Path, Subgraph, Suggestion, ThemeGraph, ThemeMatrix } from '../types/explore.types';
import { toDomainFilter } from './query.resolver';
import { aggregateObject, facetsCost, neighborhoodCost, pathsCost, searchCost, themeMatrixCost } from '../cost';

@ArgsType()
class FilterArgs {
  @Field(() => PublicationFilterInput, { nullable: true, description: 'The same filter as `publications(filter:)`.' })
  @IsOptional() @ValidateNested() @Type(() => PublicationFilterInput)
  filter?: PublicationFilterInput;
}

/** Cross-graph questions: paths, neighbourhoods, matrices, facets, the theme network and typeahead. */
@Resolver()
export class ExploreResolver {
  @Query(() => [Path], { complexity: pathsCost, description: `Shortest paths between two nodes (either direction), e.g. Theme:gangs → Country:BD. At most ${MAX_PATHS} paths of at most ${MAX_PATH_HOPS} hops; [] when none. Ties are broken by the paths' node ids, so answers are stable.` })
  async paths(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => ID) from: string,
    @Arg('to', () => ID) to: string,
    @Arg('maxHops', () => Int, { defaultValue: 4 }) maxHops: number,
    @Arg('first', () => Int, { defaultValue: 3 }) first: number,
    @Arg('via', () => [RelationshipKind], { nullable: true, description: 'Relationship types the path may use (default: all).' }) via?: RelationshipKind[],
  ) {
    checkFirst(maxHops, 'maxHops', MAX_PATH_HOPS);
    checkFirst(first, 'first', MAX_PATHS);
    // The store checks both ends in the path query's own round trip (unknown → BAD_USER_INPUT).
    const paths = await ctx.store.paths(from, to, { maxHops, first, via: (via ?? []) as DomainRelationshipKind[] });
    return paths.map((p) => ({
      length: p.length,
      nodes: p.nodes,
      relationships: p.relationships.map((r) => ({
        type: r.type, source: r.source, target: r.target, direction: r.direction,
        score: r.properties.score ?? null, evidence: r.properties.evidence ?? null, position: r.properties.position ?? null,
      })),
    }));
  }

  @Query(() => Subgraph, { complexity: neighborhoodCost, description: `The subgraph around some nodes, for graph drawing: depth at most ${MAX_NEIGHBORHOOD_DEPTH}, at most ${MAX_NEIGHBORHOOD_NODES} nodes (nearest first), with \`truncated\` set when the limit cut it.` })
  async neighborhood(
    @Ctx() ctx: RequestContext,
    @Arg('ids', () => [ID]) ids: string[],
    @Arg('depth', () => Int, { defaultValue: 1 }) depth: number,
    @Arg('limit', () => Int, { defaultValue: 200 }) limit: number,
    @Arg('types', () => [NodeType], { nullable: true, description: 'Node types to include and traverse (default: all); seeds are always included.' }) types?: NodeType[],
  ) {
    if (ids.length === 0) throw new BadInputError('ids', 'give at least one id');
    checkFirst(depth, 'depth', MAX_NEIGHBORHOOD_DEPTH);
    checkFirst(limit, 'limit', MAX_NEIGHBORHOOD_NODES);
    await knownAny(ctx, ids, 'ids');
    const sub = await ctx.store.neighborhood(ids, { depth, limit, types: (types ?? []) as DomainNodeType[] });
    return {
      truncated: sub.truncated,
      edges: sub.edges,
      nodes: sub.nodes.map((n) => ({ id: n.node.id, type: n.node.type, label: labelOf(n.node), degree: n.degree, distance: n.distance, node: n.node })),
    };
  }

  @Query(() => ThemeMatrix, { complexity: themeMatrixCost, description: `Publication counts per theme and place, zero cells included (the gaps in the evidence), with row and column totals. Omitted themes or places mean all of them at that level. At most ${MAX_MATRIX_CELLS} cells.` })
  async themeMatrix(
    @Ctx() ctx: RequestContext,
    @Args() { filter }: FilterArgs,
    @Arg('themes', () => [ID], { nullable: true, description: 'Theme ids or slugs (default: all).' }) themes?: string[],
    @Arg('places', () => [ID], { nullable: true, description: 'Place ids at `placeLevel` (default: all at that level).' }) places?: string[],
    @Arg('placeLevel', () => PlaceLevel, { defaultValue: PlaceLevel.COUNTRY }) placeLevel: PlaceLevel = PlaceLevel.COUNTRY,
  ) {
    const themeIds = themes ? await knownIds(ctx, 'Theme', themes, 'themes') : null;
    const placeIds = places ? await placesAtLevel(ctx, places, placeLevel) : null;
    const domainFilter = await toDomainFilter(ctx, filter);
    const rowCount = themeIds?.length ?? (await ctx.store.listThemes()).length;
    const columnCount = placeIds?.length ?? (placeLevel === PlaceLevel.COUNTRY ? (await ctx.store.listCountries({ all: true })).length : (await ctx.store.listRegions()).filter((r) => r.level === placeLevel).length);
    if (rowCount * columnCount > MAX_MATRIX_CELLS) {
      throw new BadInputError('places', `the matrix would have ${rowCount * columnCount} cells; at most ${MAX_MATRIX_CELLS} (pass fewer themes or places)`);
    }
    const m = await ctx.store.themeMatrix(themeIds, placeIds, placeLevel as DomainPlaceLevel, domainFilter);
    const width = m.places.length;
    return {
      themes: m.themes,
      places: m.places,
      cells: m.cells,
      rows: m.themes.map((theme, i) => ({ theme, counts: m.cells.slice(i * width, (i + 1) * width).map((c) => c.count), total: m.rowTotals[i] })),
      columns: m.places.map((place, j) => ({ place, total: m.columnTotals[j] })),
      publicationCount: m.publicationCount,
    };
  }

  @Query(() => Facets, { complexity: facetsCost, description: 'Counts by theme, country, region, author, year, scope and language for exactly the publications `publications(filter)` returns: a dashboard’s side panels in one request.' })
  async facets(
    @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo, @Args() { filter }: FilterArgs,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Items per dimension (years, scopes and languages are always complete).' }) first: number,
  ) {
    checkFirst(first);
    // Only the dimensions the request selects are counted (fragments included).
    const selected = graphqlFields(info);
    const f = await ctx.store.facets(await toDomainFilter(ctx, filter), first, FACET_DIMENSIONS.filter((d) => d in selected));
    return {
      total: f.total,
      themes: f.themes.map((c) => ({ theme: c.node, count: c.count })),
      countries: f.countries.map((c) => ({ country: c.node, count: c.count })),
      regions: f.regions.map((c) => ({ region: c.node, count: c.count })),
      authors: f.authors.map((c) => ({ author: c.node, count: c.count })),
      years: f.years,
      scopes: f.scopes,
      languages: f.languages,
    };
  }

  @Query(() => ThemeGraph, { complexity: aggregateObject, description: 'The co-occurrence network of themes over the filtered publications; edges scored like `Theme.relatedThemes`.' })
  async themeGraph(@Ctx() ctx: RequestContext, @Args() { filter }: FilterArgs, @Arg('minCount', () => Int, { defaultValue: 1 }) minCount: number) {
    checkFirst(minCount, 'minCount', 1_000_000);
    const g = await ctx.store.themeGraph(await toDomainFilter(ctx, filter), minCount);
    return { nodes: g.nodes.map((c) => ({ theme: c.node, count: c.count })), edges: g.edges };
  }

  @Query(() => [Suggestion], { complexity: searchCost, description: 'Typeahead over theme, country, region and author names and publication titles; case and accents ignored ("cote" finds Côte d’Ivoire); labels starting with the prefix come first.' })
  async suggest(
    @Ctx() ctx: RequestContext,
    @Arg('prefix') prefix: string,
    @Arg('types', () => [NodeType], { nullable: true }) types?: NodeType[],
    @Arg('first', () => Int, { defaultValue: 10 }) first = 10,
  ) {
    checkFirst(first, 'first', 50);
    if (!prefix.trim()) throw new BadInputError('prefix', 'must not be empty');
    const wanted = (types?.length ? types : Object.values(NodeType)) as DomainNodeType[];
    const hits = await ctx.store.suggest(prefix, wanted, first);
    return hits.map((s) => ({ id: s.node.id, type: s.node.type, label: s.label, rank: s.rank, node: s.node }));
  }
}

function labelOf(node: GraphNode): string {
  return node.type === 'Publication' ? node.title : node.name;
}

async function knownAny(ctx: RequestContext, ids: readonly string[], argument: string): Promise<void> {
  const nodes = await ctx.loaders.node.loadMany([...ids]);
  const unknown = ids.filter((_, i) => !nodes[i] || nodes[i] instanceof Error);
  if (unknown.length) throw unknownNodeError(argument, unknown);
}

async function placesAtLevel(ctx: RequestContext, places: readonly string[], level: PlaceLevel): Promise<string[]> {
  const nodes = await ctx.loaders.node.loadMany([...places]);
  const wrong = places.filter((id, i) => {
    const n = nodes[i];
    if (!n || n instanceof Error) return true;
    return level === PlaceLevel.COUNTRY ? n.type !== 'Country' : n.type !== 'Region' || n.level !== level;
  });
  if (wrong.length) throw new BadInputError('places', `not ${level === PlaceLevel.COUNTRY ? 'countries' : `regions at level ${level}`}: ${wrong.map((w) => `"${w}"`).join(', ')}`);
  return [...new Set(places)];
}
