import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from './node.interface';

/** A country or territory with its ISO 3166 and UN M49 codes. */
@ObjectType({ implements: Node, description: 'A country or territory (ISO 3166-1), placed in the UN M49 tree.' })
export class Country extends Node {
  @Field(() => ID) declare id: string;
  @Field({ description: 'ISO 3166-1 alpha-2 code, e.g. BD.' }) iso2!: string;
  @Field({ description: 'ISO 3166-1 alpha-3 code, e.g. BGD.' }) iso3!: string;
  @Field(() => String, { nullable: true, description: 'UN M49 numeric code, e.g. 050 (null for Kosovo).' }) m49!: string | null;
  @Field() name!: string;
}
