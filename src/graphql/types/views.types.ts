import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { inner, PRICED_MAX } from '../cost';
import { MAX_PAGE_SIZE } from '../../domain/query.types';
import { Author } from './author.type';
import { CuratorMark, LinkSourceName } from './curation.types';
import { Country } from './country.type';
import { Node } from './node.interface';
import { Place } from './place.union';
import { Publication } from './publication.type';
import { Region } from './region.type';
import { Theme } from './theme.type';

/** A publication's link to a theme, with why it exists. */
@ObjectType({ description: "A publication's theme, with the tagger's score, the evidence that matched, and its provenance." })
export class PublicationTheme {
  @Field(() => Theme) theme!: Theme;
  @Field(() => Float, { description: 'In (0, 1]; title matches weigh more than abstract matches; 1 for a theme only a curator added.' }) score!: number;
  @Field(() => [String], { description: 'The terms (or the library category) that matched, as found in the text.' }) evidence!: string[];
  @Field(() => LinkSourceName, { description: 'Why the link exists: the tagger, the source category, or a curator.' }) source!: LinkSourceName;
  @Field(() => CuratorMark, { nullable: true, description: 'Who confirmed it, when and why (when `source` is CURATOR).' }) curator!: { by: string; at: string | Date; note: string | null } | null;
  @Field(() => String, { nullable: true, description: 'Who wrote the link: "kg import" or the identity that imported it, the admin whose retag made it, or the curator who confirmed it or cleared a decision. Null for a link written before links recorded it.' }) by!: string | null;
  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the link was written.' }) at!: string | Date | null;
  @Field(() => String, { nullable: true, description: 'The curator\'s note, when `source` is CURATOR.' }) note!: string | null;
}

/** Another publication ranked by what it shares. */
@ObjectType({ description: 'A related publication and what it shares with this one.' })
export class RelatedPublication {
  @Field(() => Publication) publication!: Publication;
  @Field(() => Float, { description: '1 per shared theme + 0.5 per shared covered place.' }) score!: number;
  @Field(() => [Theme], { complexity: inner(PRICED_MAX.perPublication) }) sharedThemes!: Theme[];
  @Field(() => [Place], { complexity: inner(PRICED_MAX.perPublication) }) sharedPlaces!: (typeof Place)[];
}

/** A theme with a publication count. */
@ObjectType({ description: 'A theme and how many publications it has in this context.' })
export class ThemeCount {
  @Field(() => Theme) theme!: Theme;
  @Field(() => Int) count!: number;
}

/** A country with a publication count. */
@ObjectType({ description: 'A country and how many publications it has in this context.' })
export class CountryCount {
  @Field(() => Country) country!: Country;
  @Field(() => Int) count!: number;
}

/** A region with a publication count. */
@ObjectType({ description: 'A region and how many publications cover it, its sub-regions or its countries, in this context.' })
export class RegionCount {
  @Field(() => Region) region!: Region;
  @Field(() => Int) count!: number;
}

/** A co-author with the number of shared publications. */
@ObjectType({ description: 'A co-author and how many publications the two share.' })
export class Coauthor {
  @Field(() => Author) author!: Author;
  @Field(() => Int) count!: number;
}

/** A co-occurring theme. */
@ObjectType({ description: 'A theme that co-occurs on publications with another.' })
export class RelatedTheme {
  @Field(() => Theme) theme!: Theme;
  @Field(() => Int, { description: 'Publications about both themes.' }) count!: number;
  @Field(() => Float, { description: '|A ∩ B| / |A ∪ B| of the two publication sets.' }) jaccard!: number;
  @Field(() => Float, { description: 'How much more often they co-occur than by chance (1 = independent).' }) lift!: number;
}

/** Publications in one year. */
@ObjectType({ description: 'Publications in one year.' })
export class YearCount {
  @Field(() => Int) year!: number;
  @Field(() => Int) count!: number;
}

/** The first publications of a nested list and its full size. */
@ObjectType({ description: 'The first publications of a nested list (newest first) and the size of the whole list.' })
export class PublicationList {
  @Field(() => Int) totalCount!: number;
  @Field(() => [Publication], { complexity: inner(MAX_PAGE_SIZE) }) nodes!: Publication[];
}

/** A search hit. */
@ObjectType({ description: 'A search hit: the node and its relevance score.' })
export class SearchHit {
  @Field(() => Float) score!: number;
  @Field(() => Node) node!: Node;
}
