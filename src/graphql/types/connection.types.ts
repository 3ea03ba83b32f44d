import { Field, Int, ObjectType } from 'type-graphql';
import { inner } from '../cost';
import { MAX_PAGE_SIZE } from '../../domain/query.types';
import { Author } from './author.type';
import { Publication } from './publication.type';

/** Relay page information. */
@ObjectType({ description: 'Relay page information. Cursors are opaque and stable.' })
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType()
export class PublicationEdge {
  @Field() cursor!: string;
  @Field(() => Publication) node!: Publication;
}

/** A page of publications. */
@ObjectType({ description: 'A page of publications (Relay connection).' })
export class PublicationConnection {
  @Field(() => [PublicationEdge], { complexity: inner(MAX_PAGE_SIZE) }) edges!: PublicationEdge[];
  @Field(() => [Publication], { complexity: inner(MAX_PAGE_SIZE) }) nodes!: Publication[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Publications matching the filter, across all pages.' }) totalCount!: number;
}

@ObjectType()
export class AuthorEdge {
  @Field() cursor!: string;
  @Field(() => Author) node!: Author;
}

/** A page of authors. */
@ObjectType({ description: 'A page of authors (Relay connection).' })
export class AuthorConnection {
  @Field(() => [AuthorEdge], { complexity: inner(MAX_PAGE_SIZE) }) edges!: AuthorEdge[];
  @Field(() => [Author], { complexity: inner(MAX_PAGE_SIZE) }) nodes!: Author[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
