import { Field, ID, InputType, Int } from 'type-graphql';
import type { RawEntry } from '../../domain/import.types';
import { MIN_YEAR } from '../../ingest/publication.input';

/**
 * A new publication, field by field. It is validated by the importer's own input class
 * (PublicationInput, src/ingest/publication.input.ts) and resolved by its place resolver and
 * tagger, exactly as an entry of an imported file: only the year's type differs (a number here,
 * text as a file writes it), which is why this class converts to an entry instead of extending it.
 */
@InputType({ description: 'A publication to add, checked and tagged exactly as an imported entry is.' })
export class NewPublicationInput {
  @Field(() => ID, { nullable: true, description: 'Publication:<lower-case-slug>; derived from the title when omitted (as the importer derives it).' })
  id?: string | null;

  @Field(() => String)
  title!: string;

  @Field(() => String, { defaultValue: '' })
  abstract!: string;

  @Field(() => [String], { defaultValue: [], description: 'Country names, ISO codes or known aliases ("Worldwide" covers World); at least one country or region.' })
  countries!: string[];

  @Field(() => [String], { defaultValue: [], description: 'M49 areas or known region labels.' })
  regions!: string[];

  @Field(() => [String], { defaultValue: [], description: 'Author names in order; a name already in the graph links to that author.' })
  authors!: string[];

  @Field(() => Int, { description: `Between ${MIN_YEAR} and next year.` })
  year!: number;

  @Field(() => [String], { defaultValue: [], description: 'The library\'s categories; one naming a theme links it (source CATEGORY).' })
  categories!: string[];

  @Field(() => String, { nullable: true, description: 'ISO 639-1 code (any case) or `und`; detected from title and abstract when omitted, as the importer does.' })
  language?: string | null;

  /** Returns the entry the importer's checks take, located at `input` (the argument). */
  toEntry(): RawEntry {
    return {
      location: { file: 'input', line: 1 },
      fieldLines: {},
      ...(this.id ? { id: this.id } : {}),
      title: this.title,
      abstract: this.abstract ?? '',
      countries: this.countries ?? [],
      regions: this.regions ?? [],
      authors: this.authors ?? [],
      year: Number.isInteger(this.year) ? String(this.year) : '',
      categories: this.categories ?? [],
      pageCategory: null,
      ...(this.language ? { language: this.language } : {}),
    };
  }
}

/** The input field an importer's entry field is given in. */
export const INPUT_FIELD_OF: Readonly<Record<string, string>> = {
  id: 'id', title: 'title', abstract: 'abstract', country: 'countries', region: 'regions', authors: 'authors', year: 'year', category: 'categories',
  language: 'language',
};
