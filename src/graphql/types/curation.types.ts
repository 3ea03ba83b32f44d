import { DateTimeISOResolver, JSONObjectResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MAX_CHANGES_PAGE, type ChangeOperation } from '../../domain/curation.types';

/** The most skipped entries an import report lists. */
export const MAX_SKIPPED_REPORTED = 1_000;
import { inner } from '../cost';
import { Author } from './author.type';
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

/** What a change did: exactly the domain's ChangeOperation values (the compiler checks it below). */
export enum ChangeOperationName {
  IMPORT_CREATE = 'IMPORT_CREATE', IMPORT_UPDATE = 'IMPORT_UPDATE', CREATE_PUBLICATION = 'CREATE_PUBLICATION',
  DELETE_PUBLICATION = 'DELETE_PUBLICATION', MERGE_AUTHORS = 'MERGE_AUTHORS', UPSERT_THEME = 'UPSERT_THEME', RETAG = 'RETAG',
  UPDATE_PUBLICATION = 'UPDATE_PUBLICATION', SET_THEME = 'SET_THEME',
  CLEAR_THEME = 'CLEAR_THEME',
}
/** True only when the two unions are equal: a ChangeOperation missing here fails to compile. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const CHANGE_OPERATIONS_MATCH: Same<`${ChangeOperationName}`, ChangeOperation> = true;
registerEnumType(ChangeOperationName, {
  name: 'ChangeOperation',
  description: 'What a change did: an import (kg import or importPublications) created or rewrote a publication, or a curator created, deleted or edited one, decided on one of its themes, or merged authors; or an admin defined a theme or retagged.',
});

/** The formats importPublications reads, as `kg import` does. */
export enum ImportFormatName { LISTING = 'LISTING', JSON = 'JSON', CSV = 'CSV' }
registerEnumType(ImportFormatName, {
  name: 'ImportFormat',
  valuesConfig: {
    LISTING: { description: 'A page of the resource library as text (README, "Input formats").' },
    JSON: { description: 'An array of entries, or {"publications": [...]}.' },
    CSV: { description: 'A header row, then one entry per row; lists separated by ";".' },
  },
});

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

@ObjectType({ description: 'What deletePublication did: the publication as it was, and the change it recorded.' })
export class DeletionPayload {
  @Field(() => ID) id!: string;
  @Field({ description: 'Its title when it was deleted.' }) title!: string;
  @Field(() => Int, { description: 'Its version when it was deleted.' }) version!: number;
  @Field(() => Change) change!: Change;
}

@ObjectType({ description: 'An entry importPublications left out (skipInvalid), with why.' })
export class SkippedEntry {
  @Field(() => Int, { description: 'The entry\'s first line in the text (for JSON, the record\'s).' }) line!: number;
  @Field(() => Int, { nullable: true, description: 'The record number, for JSON.' }) record!: number | null;
  @Field() title!: string;
  @Field(() => [String], { description: 'Each problem, as "file:line: field: message".' }) reasons!: string[];
}

@ObjectType({ description: 'What an import did (or, with dryRun, would do): the counts `kg import` prints.' })
export class ImportReport {
  @Field({ description: 'True when nothing was written.' }) dryRun!: boolean;
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => Int, { description: 'Entries of publications a curator deleted: imports leave them out.' }) withheld!: number;
  @Field(() => Int, { description: 'Distinct authors the entries link.' }) authors!: number;
  @Field(() => Int) countries!: number;
  @Field(() => Int) regions!: number;
  @Field(() => Int) themes!: number;
  @Field(() => Int) relationshipsWritten!: number;
  @Field(() => Int) relationshipsDeleted!: number;
  @Field(() => [SkippedEntry], { complexity: inner(MAX_SKIPPED_REPORTED), description: `Entries left out by skipInvalid (at most ${MAX_SKIPPED_REPORTED}; \`skippedCount\` counts them all).` }) skipped!: SkippedEntry[];
  @Field(() => Int) skippedCount!: number;
  @Field({ description: 'The report `kg import` prints.' }) summary!: string;
}

@ObjectType({ description: 'What mergeAuthors did: the author kept, with its aliases, and the change it recorded (its ids list the re-linked publications).' })
export class MergePayload {
  @Field(() => Author) author!: Author;
  @Field(() => Int, { description: 'Publications whose authors changed (each at a new version).' }) publicationCount!: number;
  @Field(() => Change) change!: Change;
}

/** Files listed per import run (ImportRun.files). */
export const MAX_RUN_FILES_LISTED = 20;

export enum ImportRunStatusName {
  INCOMPLETE = 'INCOMPLETE',
  COMPLETE = 'COMPLETE',
}
registerEnumType(ImportRunStatusName, {
  name: 'ImportRunStatus',
  description: 'INCOMPLETE from a run\'s start until its last batch and its clean-up are committed; run the same `kg import` again to resume it.',
});

@ObjectType({ description: 'A source file of an import run.' })
export class ImportRunFileView {
  @Field({ description: 'Its name, without directories.' }) name!: string;
  @Field({ description: 'The SHA-256 of its bytes, in hex.' }) sha256!: string;
}

@ObjectType('ImportRun', { description: 'One `kg import` (or an embedded store\'s load), as the graph records it. A batched run counts each batch in that batch\'s own transaction, so its counts are exact however it ended.' })
export class ImportRunView {
  @Field(() => ID) id!: string;
  @Field(() => ImportRunStatusName) status!: ImportRunStatusName;
  @Field({ description: 'One transaction for the whole import (`kg import --atomic`, the API\'s imports, the embedded store).' }) atomic!: boolean;
  @Field(() => [ImportRunFileView], { complexity: inner(MAX_RUN_FILES_LISTED), description: `Its source files, in the order given (the first ${MAX_RUN_FILES_LISTED}; \`fileCount\` counts them all).` }) files!: ImportRunFileView[];
  @Field(() => Int) fileCount!: number;
  @Field(() => Int, { description: 'Publications per transaction.' }) batchSize!: number;
  @Field(() => Int, { description: 'Publications the files hold.' }) total!: number;
  @Field(() => Int, { description: 'Publications whose batch is committed.' }) processed!: number;
  @Field(() => Int) batchesCommitted!: number;
  @Field(() => Int, { description: 'How many times the command ran for it: 1, and one more per resume.' }) attempts!: number;
  @Field(() => DateTimeISOResolver) startedAt!: Date;
  @Field(() => Date, { description: 'When its last batch was committed.' }) updatedAt!: Date;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => Int) withheld!: number;
  @Field(() => Int) relationshipsWritten!: number;
  @Field(() => Int) relationshipsDeleted!: number;
}
