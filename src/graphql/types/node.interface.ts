import { Field, ID, InterfaceType } from 'type-graphql';

/** Every entity of the graph; `id` is readable and stable, e.g. `Theme:gangs`, `Country:BD`. */
@InterfaceType('Node', {
  description: 'An entity of the graph. Ids are readable and stable: `Publication:<slug>`, `Author:<slug>`, `Country:<ISO alpha-2>`, `Region:<slug>`, `Theme:<slug>`.',
  resolveType: (value: { type: string }) => value.type,
})
export abstract class Node {
  @Field(() => ID)
  id!: string;
}
