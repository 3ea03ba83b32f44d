import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Scope } from '../enums';

/** Which publications to return; lists match any of their values, and fields combine with AND. */
@InputType({ description: 'Which publications to return. Each list matches any of its values; the fields combine with AND.' })
export class PublicationFilterInput {
  @Field(() => [ID], { nullable: true, description: 'Theme ids or slugs (`Theme:gangs` or `gangs`); narrower themes are included.' })
  @IsOptional()
  themes?: string[];

  @Field(() => [ID], { nullable: true, description: 'Country ids or ISO alpha-2 codes (`Country:BD` or `BD`); publications covering them.' })
  @IsOptional()
  countries?: string[];

  @Field(() => [ID], { nullable: true, description: 'Region ids or slugs (`Region:southern-asia`); includes sub-regions and their countries.' })
  @IsOptional()
  regions?: string[];

  @Field(() => [ID], { nullable: true, description: 'Author ids (`Author:jennifer-schlecht`).' })
  @IsOptional()
  authors?: string[];

  @Field(() => Int, { nullable: true, description: 'First year included.' })
  @IsOptional() @IsInt() @Min(1000) @Max(9999)
  yearFrom?: number;

  @Field(() => Int, { nullable: true, description: 'Last year included.' })
  @IsOptional() @IsInt() @Min(1000) @Max(9999)
  yearTo?: number;

  @Field(() => [Scope], { nullable: true })
  @IsOptional()
  scope?: Scope[];

  @Field(() => [String], { nullable: true, description: 'Languages: ISO 639-1 codes (`es`, any case) or `und` (undetermined).' })
  @IsOptional()
  languages?: string[];

  @Field({ nullable: true, description: 'Words that must all appear in the title or abstract (full-text, stemmed).' })
  @IsOptional()
  text?: string;

  @Field({ nullable: true, defaultValue: false, description: '`countries` also matches countries only named in the text.' })
  @IsOptional()
  includeMentions?: boolean;
}
