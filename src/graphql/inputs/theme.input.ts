import { ArrayMaxSize, ArrayMinSize, IsNotEmpty, IsOptional, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { THEME_BOUNDS } from '../../domain/curation.types';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TERM = /[\p{L}\p{N}]/u;

/**
 * A theme as an admin defines it: the fields of a data/taxonomy.yaml entry, checked as that file's
 * loader checks them (the taxonomy-wide rules, a known broader theme and no cycle, are checked
 * against the whole taxonomy by the resolver).
 */
@InputType({ description: 'A theme of the taxonomy: its node, its broader theme and the terms the tagger finds it by (data/taxonomy.yaml explains how terms match).' })
export class ThemeInput {
  @Field({ description: 'Lower-case letters and digits separated by single hyphens; the id is Theme:<slug>. An existing slug replaces that theme\'s definition.' })
  @Matches(SLUG, { message: 'must be lower-case letters and digits separated by single hyphens' })
  slug!: string;

  @Field()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(THEME_BOUNDS.name, { message: `must be at most ${THEME_BOUNDS.name} characters` })
  name!: string;

  @Field()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(THEME_BOUNDS.description, { message: `must be at most ${THEME_BOUNDS.description} characters` })
  description!: string;

  @Field(() => ID, { nullable: true, description: 'The theme this one is a kind of (an id or a slug); null for a top-level theme.' })
  @IsOptional()
  broader?: string | null;

  @Field(() => [String], { description: 'Stemmed match terms: at least one.' })
  @ArrayMinSize(1, { message: 'must hold at least one term' })
  @ArrayMaxSize(THEME_BOUNDS.terms)
  @Matches(TERM, { each: true, message: 'each term needs a letter or digit' })
  @MaxLength(THEME_BOUNDS.term, { each: true, message: `each term must be at most ${THEME_BOUNDS.term} characters` })
  terms!: string[];

  @Field(() => [String], { defaultValue: [], description: 'Terms matched word for word, without stemming.' })
  @ArrayMaxSize(THEME_BOUNDS.terms)
  @Matches(TERM, { each: true, message: 'each term needs a letter or digit' })
  @MaxLength(THEME_BOUNDS.term, { each: true, message: `each term must be at most ${THEME_BOUNDS.term} characters` })
  exactTerms!: string[];
}
