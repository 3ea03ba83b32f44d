import { Field, ID, ObjectType } from 'type-graphql';
import { RegionLevel } from '../enums';
import { Node } from './node.interface';

/** A UN M49 area, or a custom region the sources use (e.g. Middle East). */
@ObjectType({ implements: Node, description: 'A UN M49 area (World, region, sub-region, intermediate region) or a CUSTOM region from the sources.' })
export class Region extends Node {
  @Field(() => ID) declare id: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true, description: 'UN M49 code, e.g. 034 for Southern Asia (null for CUSTOM).' }) m49!: string | null;
  @Field(() => RegionLevel) level!: RegionLevel;
}
