import { createUnionType } from 'type-graphql';
import { Country } from './country.type';
import { Region } from './region.type';

/** A place a publication covers: a country or a region. */
export const Place = createUnionType({
  name: 'Place',
  description: 'A country or a region.',
  types: () => [Country, Region] as const,
  resolveType: (value) => (value as unknown as { type: string }).type,
});
