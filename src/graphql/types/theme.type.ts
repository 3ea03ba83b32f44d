import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from './node.interface';

/** A theme of the taxonomy (data/taxonomy.yaml). */
@ObjectType({ implements: Node, description: 'A research theme from the taxonomy, e.g. gangs, child marriage, COVID-19.' })
export class Theme extends Node {
  @Field(() => ID) declare id: string;
  @Field() slug!: string;
  @Field() name!: string;
  @Field() description!: string;
}
