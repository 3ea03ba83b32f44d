import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Scope } from '../enums';
import { Node } from './node.interface';

/** A library entry: a report, brief, manual or article. Relationship fields are resolved in PublicationResolver. */
@ObjectType({ implements: Node, description: 'A publication of the research library.' })
export class Publication extends Node {
  @Field(() => ID) declare id: string;
  @Field() title!: string;
  @Field({ description: 'The abstract as published by the library.' }) abstract!: string;
  @Field(() => Int, { nullable: true }) year!: number | null;
  @Field(() => Scope) scope!: Scope;
  @Field(() => String, { nullable: true, description: "The library's category (or page heading) the entry was listed under." })
  sourceCategory!: string | null;
  @Field(() => String, { description: 'ISO 639-1 code (`en`, `es` …), `und` when undetermined: detected from title and abstract unless the source states it.' })
  language!: string;
  @Field(() => Int, { description: '1 when first imported; every change adds 1. Pass it as `expectedVersion` to `updatePublication`.' })
  version!: number;
}
