import { Arg, Ctx, Extensions, Mutation, Query, Resolver } from 'type-graphql';
import { keyStatus, newApiKey, parseLifetime } from '../../domain/api-key.secret';
import { NotFoundError } from '../../domain/errors';
import { MAX_API_KEYS, type ApiKeyRecord, type Role } from '../../domain/identity.types';
import type { RequestContext } from '../context';
import { localObject, storeList, writeObject } from '../cost';
import { ApiKey, ApiKeyStatus, CreatedApiKey, IdentityKindName, Me, RoleName } from '../types/access.types';

const date = (iso: string | null) => (iso === null ? null : new Date(iso));

function toApiKey(record: ApiKeyRecord): ApiKey {
  return Object.assign(new ApiKey(), {
    name: record.name,
    role: record.role as RoleName,
    status: keyStatus(record) as ApiKeyStatus,
    createdAt: new Date(record.createdAt),
    expiresAt: date(record.expiresAt),
    revokedAt: date(record.revokedAt),
    lastUsedAt: date(record.lastUsedAt),
  });
}

/**
 * Who the caller is, and API keys for admins (the same keys as `kg keys`). Roles are checked
 * before anything runs, by the access plugin, from each field's `role` extension.
 */
@Resolver()
export class AccessResolver {
  @Query(() => Me, { complexity: localObject, description: 'Who the caller is, its roles, and what it has left of its cost budget this minute.' })
  me(@Ctx() ctx: RequestContext): Me {
    const { identity } = ctx.client;
    const budget = ctx.report.cost?.budget;
    return Object.assign(new Me(), {
      name: identity.name,
      kind: identity.kind as IdentityKindName,
      roles: identity.roles as RoleName[],
      budget: budget ? { limit: budget.limit, remaining: budget.remaining, resetsAt: new Date(Date.now() + budget.resetMs) } : null,
      expiresAt: identity.expiresAt === undefined ? null : new Date(identity.expiresAt),
    });
  }

  @Extensions({ role: 'admin' })
  @Query(() => [ApiKey], { complexity: storeList(MAX_API_KEYS), description: 'Every API key, by name, without secrets. Needs ADMIN.' })
  async apiKeys(@Ctx() ctx: RequestContext): Promise<ApiKey[]> {
    return (await ctx.store.apiKeys.list()).map(toApiKey);
  }

  @Extensions({ role: 'admin' })
  @Mutation(() => CreatedApiKey, { complexity: writeObject, description: 'Makes an API key; its secret is in this answer only. Needs ADMIN.' })
  async createApiKey(
    @Arg('name', { description: 'Unique: 1 to 64 letters, digits, ".", "_" or "-". Names are never re-used, revoked keys included.' }) name: string,
    @Arg('role', () => RoleName) role: RoleName,
    @Arg('expiresIn', () => String, { nullable: true, description: 'Lifetime such as 90d, 12h or 1y (at most 10 years); none: no expiry.' }) expiresIn: string | null | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<CreatedApiKey> {
    const lifetime = expiresIn ? parseLifetime(expiresIn, 'expiresIn') : null;
    const { secret, record } = newApiKey(name, role as Role, lifetime);
    await ctx.store.apiKeys.create(record);
    return Object.assign(new CreatedApiKey(), { secret, key: toApiKey({ ...record, revokedAt: null, lastUsedAt: null }) });
  }

  @Extensions({ role: 'admin' })
  @Mutation(() => ApiKey, { complexity: writeObject, description: 'Revokes a key: every server process refuses it within a second. Needs ADMIN.' })
  async revokeApiKey(@Arg('name') name: string, @Ctx() ctx: RequestContext): Promise<ApiKey> {
    // Revoking a revoked key changes nothing and answers the key as it is.
    await ctx.store.apiKeys.revoke(name, new Date().toISOString());
    const key = (await ctx.store.apiKeys.list()).find((k) => k.name === name);
    if (!key) throw new NotFoundError('name', `no API key is named "${name}"`);
    return toApiKey(key);
  }
}
