import { registerEnumType } from 'type-graphql';

/** How much of the world a publication is about. */
export enum Scope { GLOBAL = 'GLOBAL', REGIONAL = 'REGIONAL', NATIONAL = 'NATIONAL' }
/** A region's level in the UN M49 tree; CUSTOM is a source label that is not an M49 area. */
export enum RegionLevel { WORLD = 'WORLD', REGION = 'REGION', SUBREGION = 'SUBREGION', INTERMEDIATE = 'INTERMEDIATE', CUSTOM = 'CUSTOM' }
/** The kinds of node, as used by `search(types:)`. */
export enum NodeType { Publication = 'Publication', Author = 'Author', Country = 'Country', Region = 'Region', Theme = 'Theme' }
/** Sort keys of publication lists. */
export enum PublicationOrderField { YEAR = 'YEAR', TITLE = 'TITLE', RELEVANCE = 'RELEVANCE' }
/** Sort direction. */
export enum SortDirection { ASC = 'ASC', DESC = 'DESC' }

registerEnumType(Scope, {
  name: 'Scope',
  description: 'How much of the world a publication is about.',
  valuesConfig: {
    GLOBAL: { description: 'Worldwide (the source lists "Worldwide" as its country).' },
    REGIONAL: { description: 'One or more regions, no single country.' },
    NATIONAL: { description: 'One or more named countries.' },
  },
});
registerEnumType(RegionLevel, { name: 'RegionLevel', description: 'Level of a region in the UN M49 tree.' });
registerEnumType(NodeType, { name: 'NodeType', description: 'The kinds of node in the graph.' });
registerEnumType(PublicationOrderField, {
  name: 'PublicationOrderField',
  valuesConfig: {
    YEAR: { description: 'Publication year; publications without a year come last.' },
    TITLE: { description: 'Title, A to Z for ASC.' },
    RELEVANCE: { description: 'Full-text relevance to `filter.text` (needs `text`).' },
  },
});
registerEnumType(SortDirection, { name: 'SortDirection' });
