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

/** Relationship types a traversal may follow. */
export enum RelationshipKind {
  AUTHORED_BY = 'AUTHORED_BY', COVERS = 'COVERS', MENTIONS = 'MENTIONS', ABOUT = 'ABOUT',
  IN_REGION = 'IN_REGION', PART_OF = 'PART_OF', BROADER = 'BROADER',
}
/** The column level of a theme × place matrix. */
export enum PlaceLevel { COUNTRY = 'COUNTRY', SUBREGION = 'SUBREGION', REGION = 'REGION' }
/** Whether a path walks a relationship along or against its stored direction. */
export enum StepDirection { OUTGOING = 'OUTGOING', INCOMING = 'INCOMING' }

registerEnumType(RelationshipKind, {
  name: 'RelationshipKind',
  valuesConfig: {
    AUTHORED_BY: { description: 'Publication → Author (property: position).' },
    COVERS: { description: 'Publication → Country or Region the source lists.' },
    MENTIONS: { description: 'Publication → Country named only in the text.' },
    ABOUT: { description: 'Publication → Theme (properties: score, evidence).' },
    IN_REGION: { description: 'Country → its most specific M49 area.' },
    PART_OF: { description: 'Region → enclosing region.' },
    BROADER: { description: 'Theme → broader theme.' },
  },
});
registerEnumType(PlaceLevel, {
  name: 'PlaceLevel',
  valuesConfig: {
    COUNTRY: { description: 'Countries.' },
    SUBREGION: { description: 'M49 sub-regions, e.g. Southern Asia.' },
    REGION: { description: 'M49 regions: Africa, Americas, Asia, Europe, Oceania.' },
  },
});
registerEnumType(StepDirection, { name: 'StepDirection' });
