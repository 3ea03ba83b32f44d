import { IsNotEmpty, IsOptional, MaxLength, ValidateBy, type ValidationArguments } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { MAX_ABSTRACT, MAX_TITLE, MIN_YEAR, maxYear } from '../../ingest/publication.input';

/** A year within the importer's bounds, or null (no year). */
function IsPublicationYearOrNull(): PropertyDecorator {
  return ValidateBy({
    name: 'isPublicationYearOrNull',
    validator: {
      validate: (v: unknown) => v === null || v === undefined || (Number.isInteger(v) && (v as number) >= MIN_YEAR && (v as number) <= maxYear()),
      defaultMessage: (args?: ValidationArguments) => `${JSON.stringify(args?.value)} is not a year between ${MIN_YEAR} and ${maxYear()}`,
    },
  });
}

/**
 * A partial edit of a publication: only the fields given change, and those become the curator's,
 * so later imports leave them alone. The bounds are the importer's (src/ingest/publication.input.ts).
 */
@InputType({ description: 'Fields to change; the others are left as they are. An edited field is kept through later imports.' })
export class PublicationPatchInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(MAX_TITLE, { message: (a) => `must be at most ${MAX_TITLE} characters (it has ${String(a.value).length})` })
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX_ABSTRACT, { message: (a) => `must be at most ${MAX_ABSTRACT} characters (it has ${String(a.value).length})` })
  abstract?: string;

  @Field(() => Int, { nullable: true, description: `Between ${MIN_YEAR} and next year; null removes the year.` })
  @IsPublicationYearOrNull()
  year?: number | null;
}
