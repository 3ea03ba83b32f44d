import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

/** Roles, weakest first; each may do what the ones before it may. */
export enum RoleName { READER = 'reader', CURATOR = 'curator', ADMIN = 'admin' }
registerEnumType(RoleName, {
  name: 'Role',
  description: 'What an identity may do: READER reads (needed only on a private server), CURATOR also corrects the data, ADMIN also changes the taxonomy and manages keys.',
});

/** How a request proved who it is. */
export enum IdentityKindName { ANONYMOUS = 'anonymous', API_KEY = 'api-key', JWT = 'jwt' }
registerEnumType(IdentityKindName, { name: 'IdentityKind', description: 'How the caller proved who it is: no credentials, an API key, or a JWT.' });

/** Whether a key works now. */
export enum ApiKeyStatus { ACTIVE = 'active', REVOKED = 'revoked', EXPIRED = 'expired' }
registerEnumType(ApiKeyStatus, { name: 'ApiKeyStatus' });

@ObjectType({ description: 'What the caller may still spend this minute (README, "Limits").' })
export class Budget {
  @Field(() => Int, { description: 'Cost points per minute for this identity\'s role.' })
  limit!: number;

  @Field(() => Int, { description: 'Points left after this request.' })
  remaining!: number;

  @Field(() => DateTimeISOResolver, { description: 'When the window starts over.' })
  resetsAt!: Date;
}

@ObjectType({ description: 'Who the caller is, as this server sees it. Never holds a secret.' })
export class Me {
  @Field({ description: 'An API key\'s name, a token\'s subject (or preferred_username), or "anonymous".' })
  name!: string;

  @Field(() => IdentityKindName)
  kind!: IdentityKindName;

  @Field(() => [RoleName], { description: 'Empty when anonymous.' })
  roles!: RoleName[];

  @Field(() => Budget, { nullable: true, description: 'Null when this identity\'s role has no budget.' })
  budget!: Budget | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the credential stops working, if it says.' })
  expiresAt!: Date | null;
}

@ObjectType({ description: 'An API key, without its secret (which is shown once, when it is made).' })
export class ApiKey {
  @Field()
  name!: string;

  @Field(() => RoleName)
  role!: RoleName;

  @Field(() => ApiKeyStatus)
  status!: ApiKeyStatus;

  @Field(() => DateTimeISOResolver)
  createdAt!: Date;

  @Field(() => DateTimeISOResolver, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => DateTimeISOResolver, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'Recorded at most once a minute per server process.' })
  lastUsedAt!: Date | null;
}

@ObjectType({ description: 'A new key: `secret` is shown this once and cannot be read again.' })
export class CreatedApiKey {
  @Field(() => ApiKey)
  key!: ApiKey;

  @Field({ description: 'Send it as `Authorization: Bearer <secret>` or `X-API-Key: <secret>`.' })
  secret!: string;
}
