import { DateTimeISOResolver, JSONObjectResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MAX_CHANGES_PAGE } from '../../domain/curation.types';
import { inner } from '../cost';
import { Publication } from './publication.type';

/** Why a publication is about a theme. */
export enum LinkSourceName { TAGGER = 'TAGGER', CATEGORY = 'CATEGORY', CURATOR = 'CURATOR' }
registerEnumType(LinkSourceName, {
  name: 'LinkSource',
  valuesConfig: {
    TAGGER: { description: 'The tagger found the theme\'s terms in the title or abstract.' },
    CATEGORY: { description: 'The source lists the publication under a category naming the theme.' },
    CURATOR: { description: 'A curator confirmed it (see `curator`).' },
  },
});

/** A curator's decision on a publication–theme pair. */
export enum ThemeDecisionName { CONFIRMED = 'CONFIRMED', REJECTED = 'REJECTED' }
registerEnumType(ThemeDecisionName, {
  name: 'ThemeDecision',
  valuesConfig: {
    CONFIRMED: { description: 'The publication is about the theme, whatever the tagger says.' },
    REJECTED: { description: 'It is not: the link is hidden from every read, count, facet, matrix and path, and re-imports never bring it back.' },
  },
});

/** What a change did. */
export enum ChangeOperationName {
  IMPORT_CREATE = 'IMPORT_CREATE', IMPORT_UPDATE = 'IMPORT_UPDATE', UPDATE_PUBLICATION = 'UPDATE_PUBLICATION',
  SET_THEME = 'SET_THEME', CLEAR_THEME = 'CLEAR_THEME',
}
registerEnumType(ChangeOperationName, { name: 'ChangeOperation', description: 'What a change did: an import created or rewrote a publication, or a curator edited it or decided on one of its themes.' });

@ObjectType({ description: 'Who confirmed a link, when and why.' })
export class CuratorMark {
  @Field({ description: 'The identity\'s name (README, "Access control").' }) by!: string;
  @Field(() => DateTimeISOResolver) at!: Date;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType({ description: 'One record of the change feed: who changed what, and the changed fields before and after.' })
export class Change {
  @Field(() => Int, { description: '1, 2, 3 … in commit order; poll `changes(after: <the last seq you saw>)`.' }) seq!: number;
  @Field(() => DateTimeISOResolver) at!: Date;
  @Field({ description: 'An identity\'s name, or "kg import".' }) by!: string;
  @Field(() => ChangeOperationName) operation!: ChangeOperationName;
  @Field(() => [ID], { description: 'The nodes it touched, the publication first.' }) ids!: string[];
  @Field(() => JSONObjectResolver, { nullable: true, description: 'The changed fields before (null for a creation).' }) before!: Record<string, unknown> | null;
  @Field(() => JSONObjectResolver, { nullable: true }) after!: Record<string, unknown> | null;
}

@ObjectType()
export class ChangeEdge {
  @Field({ description: 'The change\'s seq, as text.' }) cursor!: string;
  @Field(() => Change) node!: Change;
}

@ObjectType()
export class ChangePageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass it as `after` for the next page, or keep it to ask later for what is new.' }) endCursor!: string | null;
}

@ObjectType({ description: 'Changes in sequence order (a Relay connection).' })
export class ChangeConnection {
  @Field(() => [ChangeEdge], { complexity: inner(MAX_CHANGES_PAGE) }) edges!: ChangeEdge[];
  @Field(() => [Change], { complexity: inner(MAX_CHANGES_PAGE) }) nodes!: Change[];
  @Field(() => ChangePageInfo) pageInfo!: ChangePageInfo;
}

@ObjectType({ description: 'What a curation write did: the publication as it now is, and the change it recorded (null when nothing changed).' })
export class CurationPayload {
  @Field(() => Publication) publication!: Publication;
  @Field(() => Change, { nullable: true }) change!: Change | null;
}
