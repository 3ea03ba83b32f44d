import { Field, InputType } from 'type-graphql';
import { PublicationOrderField, SortDirection } from '../enums';

/** Sort order of a publication list; ties are broken by id, so the order is total and paging is stable. */
@InputType({ description: 'Sort order; ties are broken by id ascending, so the order is total and paging is stable.' })
export class PublicationOrderInput {
  @Field(() => PublicationOrderField, { defaultValue: PublicationOrderField.YEAR })
  field!: PublicationOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  direction!: SortDirection;
}
