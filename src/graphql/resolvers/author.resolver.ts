import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Author as AuthorNode } from '../../domain/node.types';
import { checkFirst } from '../arguments';
import type { RequestContext } from '../context';
import { Author } from '../types/author.type';
import { Coauthor, PublicationList, ThemeCount, YearCount } from '../types/views.types';
import { PRICED_MAX, container, storeList, storeListBy } from '../cost';

/** Traversals from an author. */
@Resolver(() => Author)
export class AuthorResolver {
  @FieldResolver(() => [String], { complexity: 0, description: 'Other spellings merged into this author by a curator (mergeAuthors); an import naming any of them links here.' })
  aliases(@Root() a: AuthorNode): string[] {
    return [...(a.aliases ?? [])];
  }

  @FieldResolver(() => PublicationList, { complexity: container(), description: "The author's publications, newest first." })
  publications(@Root() a: AuthorNode, @Ctx() ctx: RequestContext, @Arg('first', () => Int, { defaultValue: 20 }) first: number) {
    return ctx.loaders.publicationsOf(a.id, checkFirst(first)).then((s) => ({ totalCount: s.totalCount, nodes: s.items }));
  }

  @FieldResolver(() => [Coauthor], { complexity: storeListBy('first', 100), description: 'Co-authors with the number of shared publications, most first.' })
  coauthors(@Root() a: AuthorNode, @Ctx() ctx: RequestContext, @Arg('first', () => Int, { defaultValue: 10 }) first: number) {
    return ctx.loaders.coauthorsOf(a.id, checkFirst(first)).then((list) => list.map((c) => ({ author: c.node, count: c.count })));
  }

  @FieldResolver(() => [ThemeCount], { complexity: storeList(PRICED_MAX.themes), description: "Themes of the author's publications with counts." })
  themes(@Root() a: AuthorNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.themeCountsOf(a.id).then((list) => list.map((c) => ({ theme: c.node, count: c.count })));
  }

  @FieldResolver(() => [YearCount], { complexity: storeList(PRICED_MAX.years), description: "The author's publications per year." })
  trend(@Root() a: AuthorNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.trendOf(a.id);
  }
}
