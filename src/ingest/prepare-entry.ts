import type { ThemeDefinition } from '../domain/curation.types';
import type { InputProblem } from '../domain/errors';
import type { PublicationRecord, RawEntry, ReferenceData } from '../domain/import.types';
import { resolveEntry } from './entry.resolver';
import { referenceData } from './prepare-import';
import { validateEntry } from './publication.input';
import { loadTaxonomy, withDefinitions, type Taxonomy } from './taxonomy';
import { createTagger, type ThemeTagger } from './theme.tagger';

/** What writes tag and link with: a taxonomy, its tagger and the reference data built on it. */
export interface Tagging {
  readonly taxonomy: Taxonomy;
  readonly tagger: ThemeTagger;
  readonly reference: ReferenceData;
}

/** data/taxonomy.yaml, loaded once per process (it ships with kg). */
let base: Taxonomy | null = null;
/** The last tagging built, with the definitions it was built from (they change rarely: upsertTheme). */
let last: { readonly key: string; readonly tagging: Tagging } | null = null;

/** Returns data/taxonomy.yaml's taxonomy. */
export function baseTaxonomy(): Taxonomy {
  return (base ??= loadTaxonomy());
}

/**
 * Returns the tagging of data/taxonomy.yaml with the themes admins defined (the store's
 * themeDefinitions) over it; built once per distinct set of definitions.
 */
export function taggingWith(definitions: readonly ThemeDefinition[]): Tagging {
  const key = JSON.stringify(definitions);
  if (last?.key === key) return last.tagging;
  const taxonomy = withDefinitions(baseTaxonomy(), definitions);
  const tagging = { taxonomy, tagger: createTagger(taxonomy), reference: referenceData(taxonomy) };
  last = { key, tagging };
  return tagging;
}

/** Returns the tagging of data/taxonomy.yaml alone. */
export function defaultTagging(): Tagging {
  return taggingWith([]);
}

/**
 * Validates and resolves one entry given field by field (createPublication) exactly as the
 * importer does an entry of a file: the importer's own input class (PublicationInput), place
 * resolution and the tagger. Returns the record, or every problem (named by the entry's fields).
 */
export function prepareEntry(raw: RawEntry, tagging: Tagging = defaultTagging()): { record?: PublicationRecord; problems: InputProblem[] } {
  const { input, problems } = validateEntry(raw);
  if (!input) return { problems };
  return resolveEntry(input, tagging.tagger);
}
