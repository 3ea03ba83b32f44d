import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { PublicationFilterInput } from './publication-filter.input';
import { PublicationOrderInput } from './publication-order.input';
import { PublicationOrderField, SortDirection } from '../enums';

/** Arguments of the root `publications` connection. */
@ArgsType()
export class PublicationsArgs {
  @Field(() => PublicationFilterInput, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => PublicationFilterInput)
  filter?: PublicationFilterInput;

  @Field(() => PublicationOrderInput, {
    nullable: true,
    defaultValue: { field: PublicationOrderField.YEAR, direction: SortDirection.DESC },
    description: 'Default: newest first. RELEVANCE needs `filter.text`.',
  })
  orderBy?: PublicationOrderInput;

  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
  first!: number;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  after?: string;
}
