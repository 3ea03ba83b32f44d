import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { documentArgumentBounds } from '../server/limits/argument-bounds.table';
import { AccessResolver } from './resolvers/access.resolver';
import { CurationResolver } from './resolvers/curation.resolver';
import { ImportResolver } from './resolvers/import.resolver';
import { TaxonomyResolver } from './resolvers/taxonomy.resolver';
import { AuthorResolver } from './resolvers/author.resolver';
import { CountryResolver } from './resolvers/country.resolver';
import { ExploreResolver } from './resolvers/explore.resolver';
import { PublicationResolver } from './resolvers/publication.resolver';
import { QueryResolver } from './resolvers/query.resolver';
import { RegionResolver } from './resolvers/region.resolver';
import { ThemeResolver } from './resolvers/theme.resolver';
import { Author } from './types/author.type';
import { Country } from './types/country.type';
import { Publication } from './types/publication.type';
import { Region } from './types/region.type';
import { Theme } from './types/theme.type';

let built: Promise<GraphQLSchema> | undefined;

/** Returns the executable schema (built once): type-graphql classes with argument validation on, each argument's maximum in its description. */
export function buildGraphQLSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [QueryResolver, AccessResolver, CurationResolver, ImportResolver, TaxonomyResolver, ExploreResolver, PublicationResolver, AuthorResolver, CountryResolver, RegionResolver, ThemeResolver],
    // Types only reachable through the Node interface must be listed so `node(id:)` can return them.
    orphanedTypes: [Publication, Author, Country, Region, Theme],
    validate: { forbidUnknownValues: false },
  }).then((schema) => {
    documentArgumentBounds(schema);
    return schema;
  });
  return built;
}
