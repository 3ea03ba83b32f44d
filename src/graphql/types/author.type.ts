import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from './node.interface';

/** An author, de-duplicated by normalised name. */
@ObjectType({ implements: Node, description: 'An author; spellings differing only in case, accents or dots are one author.' })
export class Author extends Node {
  @Field(() => ID) declare id: string;
  @Field() name!: string;
}
