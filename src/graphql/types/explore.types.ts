import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { inner, MATRIX_MAX, PRICED_MAX } from '../cost';
import { MAX_NEIGHBORHOOD_NODES, MAX_PAGE_SIZE, MAX_PATH_HOPS } from '../../domain/query.types';
import { NodeType, RelationshipKind, Scope, StepDirection } from '../enums';
import { Author } from './author.type';
import { Node } from './node.interface';
import { Place } from './place.union';
import { Theme } from './theme.type';
import { CountryCount, RegionCount, ThemeCount, YearCount } from './views.types';

/** One relationship of a path. */
@ObjectType({ description: 'A relationship on a path: its stored direction is source → target; `direction` says how the path walks it.' })
export class PathRelationship {
  @Field(() => RelationshipKind) type!: RelationshipKind;
  @Field(() => ID) source!: string;
  @Field(() => ID) target!: string;
  @Field(() => StepDirection) direction!: StepDirection;
  @Field(() => Float, { nullable: true, description: 'ABOUT: the tagger score.' }) score?: number | null;
  @Field(() => [String], { nullable: true, description: 'ABOUT: the matched terms.' }) evidence?: string[] | null;
  @Field(() => Int, { nullable: true, description: 'AUTHORED_BY: the author position (0 = first).' }) position?: number | null;
}

/** A path between two nodes. */
@ObjectType({ description: 'A path: `nodes[i]` and `nodes[i+1]` are joined by `relationships[i]`.' })
export class Path {
  @Field(() => Int) length!: number;
  @Field(() => [Node], { complexity: inner(MAX_PATH_HOPS + 1) }) nodes!: Node[];
  @Field(() => [PathRelationship], { complexity: inner(MAX_PATH_HOPS) }) relationships!: PathRelationship[];
}

/** A node of a subgraph, shaped for Cytoscape, Sigma or vis-network. */
@ObjectType({ description: 'A subgraph node, ready for Cytoscape, Sigma or vis-network.' })
export class SubgraphNode {
  @Field(() => ID) id!: string;
  @Field(() => NodeType) type!: NodeType;
  @Field({ description: 'Name, or title for publications.' }) label!: string;
  @Field(() => Int, { description: 'Relationships of the node in the whole graph.' }) degree!: number;
  @Field(() => Int, { description: 'Hops from the nearest seed.' }) distance!: number;
  @Field(() => Node) node!: Node;
}

/** An edge of a subgraph. */
@ObjectType({ description: 'A subgraph edge; `id` is `<source>|<TYPE>|<target>`.' })
export class SubgraphEdge {
  @Field(() => ID) id!: string;
  @Field(() => ID) source!: string;
  @Field(() => ID) target!: string;
  @Field(() => RelationshipKind) type!: RelationshipKind;
  @Field(() => Float, { description: 'The ABOUT score, else 1.' }) weight!: number;
}

/** A bounded subgraph. */
@ObjectType({ description: 'A bounded subgraph around seed nodes.' })
export class Subgraph {
  @Field(() => [SubgraphNode], { complexity: inner(MAX_NEIGHBORHOOD_NODES) }) nodes!: SubgraphNode[];
  @Field(() => [SubgraphEdge], { complexity: inner(MAX_NEIGHBORHOOD_NODES * PRICED_MAX.edgesPerNode) }) edges!: SubgraphEdge[];
  @Field({ description: 'True when `limit` cut nodes that were within `depth`.' }) truncated!: boolean;
}

/** One cell of a matrix. */
@ObjectType()
export class MatrixCell {
  @Field(() => ID) theme!: string;
  @Field(() => ID) place!: string;
  @Field(() => Int) count!: number;
}

/** One row of a matrix. */
@ObjectType({ description: 'A theme row: its counts in the order of `places`, and their sum.' })
export class MatrixRow {
  @Field(() => Theme) theme!: Theme;
  @Field(() => [Int]) counts!: number[];
  @Field(() => Int) total!: number;
}

/** One column of a matrix. */
@ObjectType({ description: 'A place column and the sum of its cells.' })
export class MatrixColumn {
  @Field(() => Place) place!: typeof Place;
  @Field(() => Int) total!: number;
}

/** Publication counts per theme and place. */
@ObjectType({ description: 'Publication counts per (theme, place), zero cells included: the zeros are the evidence gaps.' })
export class ThemeMatrix {
  @Field(() => [Theme], { complexity: inner(MATRIX_MAX.rows) }) themes!: Theme[];
  @Field(() => [Place], { complexity: inner(MATRIX_MAX.columns) }) places!: (typeof Place)[];
  @Field(() => [MatrixRow], { complexity: inner(MATRIX_MAX.rows) }) rows!: MatrixRow[];
  @Field(() => [MatrixColumn], { complexity: inner(MATRIX_MAX.columns) }) columns!: MatrixColumn[];
  @Field(() => [MatrixCell], { complexity: inner(MATRIX_MAX.cells), description: 'Every cell, row by row.' }) cells!: MatrixCell[];
  @Field(() => Int, { description: 'Distinct publications in at least one cell.' }) publicationCount!: number;
}

@ObjectType()
export class AuthorCount {
  @Field(() => Author) author!: Author;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class ScopeCount {
  @Field(() => Scope) scope!: Scope;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class LanguageCount {
  @Field(() => String, { description: 'ISO 639-1 code, or `und`.' }) language!: string;
  @Field(() => Int) count!: number;
}

/** Counts of a filtered set by dimension. */
@ObjectType({ description: 'Counts of exactly the publications `publications(filter)` returns, by dimension.' })
export class Facets {
  @Field(() => Int) total!: number;
  @Field(() => [ThemeCount], { complexity: inner(MAX_PAGE_SIZE) }) themes!: ThemeCount[];
  @Field(() => [CountryCount], { complexity: inner(MAX_PAGE_SIZE) }) countries!: CountryCount[];
  @Field(() => [RegionCount], { complexity: inner(MAX_PAGE_SIZE), description: 'A publication counts under every region its places sit in.' }) regions!: RegionCount[];
  @Field(() => [AuthorCount], { complexity: inner(MAX_PAGE_SIZE) }) authors!: AuthorCount[];
  @Field(() => [YearCount], { complexity: inner(PRICED_MAX.years) }) years!: YearCount[];
  @Field(() => [ScopeCount], { complexity: inner(PRICED_MAX.scopes) }) scopes!: ScopeCount[];
  @Field(() => [LanguageCount], { complexity: inner(PRICED_MAX.languages), description: 'The languages with publications, by count then code.' }) languages!: LanguageCount[];
}

/** An edge of the theme network. */
@ObjectType({ description: 'Two themes that co-occur on publications.' })
export class ThemeEdge {
  @Field(() => ID) source!: string;
  @Field(() => ID) target!: string;
  @Field(() => Int) count!: number;
  @Field(() => Float) jaccard!: number;
  @Field(() => Float) lift!: number;
}

/** The theme co-occurrence network. */
@ObjectType({ description: 'The co-occurrence network of themes over a set of publications.' })
export class ThemeGraph {
  @Field(() => [ThemeCount], { complexity: inner(PRICED_MAX.themes) }) nodes!: ThemeCount[];
  @Field(() => [ThemeEdge], { complexity: inner(PRICED_MAX.themePairs) }) edges!: ThemeEdge[];
}

/** A typeahead suggestion. */
@ObjectType({ description: 'A typeahead suggestion.' })
export class Suggestion {
  @Field(() => ID) id!: string;
  @Field(() => NodeType) type!: NodeType;
  @Field() label!: string;
  @Field(() => Int, { description: '0 when the label starts with the prefix, 1 when a later word does.' }) rank!: number;
  @Field(() => Node) node!: Node;
}
