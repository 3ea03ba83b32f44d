import {
  getNullableType, isEnumType, isInputObjectType, isInterfaceType, isListType, isObjectType,
  type GraphQLArgument, type GraphQLInputField, type GraphQLInputObjectType, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';
import { MAX_MATRIX_CELLS } from '../../domain/query.types';
import { MAX_ABSTRACT, MAX_TITLE } from '../../ingest/publication.input';
import { MAX_IMPORT_TEXT, MAX_MERGE_FROM, MAX_NOTE, MAX_RETAG_THEMES, THEME_BOUNDS } from '../../domain/curation.types';

/** The maxima of one value: `items` for a list (each level), `length` in characters for its strings. */
export interface Bound {
  readonly items?: number;
  readonly length?: number;
}

/** Characters of a String argument or input field nobody listed. */
export const DEFAULT_MAX_STRING = 200;
/**
 * Characters of an ID: the longest the importer makes is `Author:` and the slug of a 200-character
 * name (`Publication:` ids are cut to 96 characters of slug), with room for slugs that fold longer.
 */
export const MAX_ID_LENGTH = 300;
/** Items of a list nobody listed; a list of enum values defaults to the number of values instead. */
export const DEFAULT_MAX_ITEMS = 100;
/** Ids per list of a publication filter (README, "Bounds and errors"). */
export const MAX_FILTER_IDS = 50;
/**
 * Characters of a cursor: a TITLE cursor carries the title (at most 500 characters on import) and
 * the id as base64url JSON, about 2,200 characters for a 500-character CJK title and 4,200 in the
 * pathological case of a title of control characters (each JSON-escaped to six bytes).
 */
export const MAX_CURSOR_LENGTH = 5_000;
/** Places of a theme matrix: every country (ISO 3166-1 and Kosovo). */
export const MAX_MATRIX_PLACES = 250;

/**
 * The maxima of every bounded argument, in one place. A key is `Type.field.argument` (the type the
 * selection is made on), `*.argument` (that argument of every field), or `InputType.field` (that
 * field wherever the input type is taken). Unlisted values get the defaults above: strings
 * DEFAULT_MAX_STRING, ids MAX_ID_LENGTH, lists DEFAULT_MAX_ITEMS, lists of an enum its number of values.
 */
export const ARGUMENT_BOUNDS: Readonly<Record<string, Bound>> = {
  '*.after': { length: MAX_CURSOR_LENGTH },
  'Query.nodes.ids': { items: 100 },
  'Query.neighborhood.ids': { items: 50 },
  // 80 themes × 250 places is MAX_MATRIX_CELLS: lists within their bounds always fit the matrix.
  'Query.themeMatrix.themes': { items: MAX_MATRIX_CELLS / MAX_MATRIX_PLACES },
  'Query.themeMatrix.places': { items: MAX_MATRIX_PLACES },
  'Query.search.query': { length: 200 },
  'Query.suggest.prefix': { length: 100 },
  // Author names are at most 200 characters on import.
  'Query.authors.nameContains': { length: 200 },
  'Query.country.name': { length: 100 },
  // Two or three letters, padding allowed (it is trimmed).
  'Query.country.iso': { length: 10 },
  'PublicationFilterInput.themes': { items: MAX_FILTER_IDS },
  'PublicationFilterInput.countries': { items: MAX_FILTER_IDS },
  'PublicationFilterInput.regions': { items: MAX_FILTER_IDS },
  'PublicationFilterInput.authors': { items: MAX_FILTER_IDS },
  // ISO 639-1 codes are two letters and `und` three; a longer value is refused as not a code.
  'PublicationFilterInput.languages': { items: MAX_FILTER_IDS, length: 20 },
  'PublicationFilterInput.text': { length: 200 },
  // Writes: the importer's own bounds (src/ingest/publication.input.ts).
  'Mutation.setPublicationTheme.note': { length: MAX_NOTE },
  'PublicationPatchInput.title': { length: MAX_TITLE },
  'PublicationPatchInput.abstract': { length: MAX_ABSTRACT },
  'NewPublicationInput.title': { length: MAX_TITLE },
  'NewPublicationInput.abstract': { length: MAX_ABSTRACT },
  'Mutation.importPublications.text': { length: MAX_IMPORT_TEXT },
  'Mutation.mergeAuthors.from': { items: MAX_MERGE_FROM },
  'Mutation.retag.themes': { items: MAX_RETAG_THEMES },
  'ThemeInput.name': { length: THEME_BOUNDS.name },
  'ThemeInput.description': { length: THEME_BOUNDS.description },
  'ThemeInput.terms': { items: THEME_BOUNDS.terms, length: THEME_BOUNDS.term },
  'ThemeInput.exactTerms': { items: THEME_BOUNDS.terms, length: THEME_BOUNDS.term },
};

/** Returns the maxima of a field's argument: its table entry (exact, then `*.argument`) over the defaults of its type. */
export function argumentBound(typeName: string, fieldName: string, arg: GraphQLArgument): Bound {
  return withDefaults(ARGUMENT_BOUNDS[`${typeName}.${fieldName}.${arg.name}`] ?? ARGUMENT_BOUNDS[`*.${arg.name}`], arg.type);
}

/** Returns the maxima of an input object's field: its table entry over the defaults of its type. */
export function inputFieldBound(type: GraphQLInputObjectType, field: GraphQLInputField): Bound {
  return withDefaults(ARGUMENT_BOUNDS[`${type.name}.${field.name}`], field.type);
}

function withDefaults(entry: Bound | undefined, type: GraphQLInputType): Bound {
  let inner = getNullableType(type);
  let list = false;
  while (isListType(inner)) {
    list = true;
    inner = getNullableType(inner.ofType);
  }
  const name = 'name' in inner ? inner.name : '';
  const text = name === 'String' || name === 'ID';
  return {
    items: list ? entry?.items ?? (isEnumType(inner) ? inner.getValues().length : DEFAULT_MAX_ITEMS) : undefined,
    length: text ? entry?.length ?? (name === 'ID' ? MAX_ID_LENGTH : DEFAULT_MAX_STRING) : undefined,
  };
}

/** Returns the sentence that documents a bound ("At most 50 items, each at most 300 characters."), or '' for none. */
export function describeBound(bound: Bound): string {
  if (bound.items !== undefined && bound.length !== undefined) return `At most ${bound.items} items, each at most ${bound.length} characters.`;
  if (bound.items !== undefined) return `At most ${bound.items} items.`;
  if (bound.length !== undefined) return `At most ${bound.length} characters.`;
  return '';
}

/**
 * Appends each bounded argument's and input field's maximum to its description, so the SDL and the
 * playground's docs show the table; throws when a key of the table names nothing in the schema.
 */
export function documentArgumentBounds(schema: GraphQLSchema): void {
  const used = new Set<string>();
  const annotate = (element: GraphQLArgument | GraphQLInputField, bound: Bound): void => {
    const sentence = describeBound(bound);
    if (!sentence || element.description?.endsWith(sentence)) return;
    element.description = element.description ? `${element.description} ${sentence}` : sentence;
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) {
          used.add(`${type.name}.${field.name}.${arg.name}`).add(`*.${arg.name}`);
          annotate(arg, argumentBound(type.name, field.name, arg));
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        used.add(`${type.name}.${field.name}`);
        annotate(field, inputFieldBound(type, field));
      }
    }
  }
  const unknown = Object.keys(ARGUMENT_BOUNDS).filter((key) => !used.has(key));
  if (unknown.length) throw new Error(`argument bounds name nothing in the schema: ${unknown.join(', ')}`);
}
