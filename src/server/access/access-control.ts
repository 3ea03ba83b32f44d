import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAtLeast, type Identity, type Role } from '../../domain/identity.types';
import type { AccessConfig } from './access.config';
import { anonymousIdentity, AuthenticationRefusal, Authenticator } from './authenticate';

/**
 * What a route needs, declared in its `config.access`:
 * - `open`: anyone, credentials ignored (health probes, static assets, the 404 answer);
 * - `reads`: anyone in public mode, at least `reader` in private mode (`KG_AUTH_READS=authenticated`);
 *   `/graphql` also checks each operation's own roles (access.plugin.ts);
 * - a role: at least that role, whatever the mode.
 */
export type RouteAccess = 'open' | 'reads' | Role;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** A request of a `reads` route that is open anyway (the playground's page, which holds no data). */
    openWhen?: (request: FastifyRequest) => boolean;
  }
  interface FastifyRequest {
    /** Who sent the request; set before any route's own hooks run. */
    identity: Identity;
  }
}

/** The realm named in `WWW-Authenticate`. */
const REALM = 'kg';

/** Counts and notes of refusals, for the metrics. */
export interface AccessEvents {
  failure(reason: string): void;
}

/**
 * Access control for every route, in one hook: who the caller is (Authenticator), then whether
 * the route lets them in. A refusal is GraphQL-shaped JSON: 401 UNAUTHENTICATED with
 * `WWW-Authenticate: Bearer` (RFC 6750), 403 FORBIDDEN naming the role needed, or 429 when an
 * address has failed too often. Every log line of an admitted request carries the identity's name.
 */
export function registerAccessControl(app: FastifyInstance, config: AccessConfig, authenticator: Authenticator, events: AccessEvents): void {
  app.decorateRequest('identity', null as unknown as Identity);
  app.addHook('onRequest', async (request, reply) => {
    const access: RouteAccess = request.routeOptions.config?.access ?? 'open';
    if (access === 'open' || request.routeOptions.config?.openWhen?.(request)) {
      request.identity = anonymousIdentity(request.ip);
      return;
    }
    try {
      request.identity = await authenticator.identify(request.headers, request.ip);
    } catch (err) {
      if (!(err instanceof AuthenticationRefusal)) throw err;
      events.failure(err.reason);
      request.log.info({ reason: err.reason }, 'credentials refused');
      return refuse(reply, err.status, err.status === 429 ? 'RATE_LIMITED' : 'UNAUTHENTICATED', err.message, {
        ...(err.status === 401 ? { 'www-authenticate': `Bearer realm="${REALM}", error="invalid_token", error_description="${headerSafe(err.message)}"` } : {}),
        ...(err.retryAfterSeconds ? { 'retry-after': String(err.retryAfterSeconds) } : {}),
      });
    }
    const identity = request.identity;
    if (identity.kind !== 'anonymous') request.log = request.log.child({ identity: identity.name });
    const needed: Role | null = access === 'reads' ? (config.reads === 'authenticated' ? 'reader' : null) : access;
    if (needed === null || roleAtLeast(identity.role, needed)) return undefined;
    if (identity.kind === 'anonymous') events.failure('missing');
    return refuseRole(reply, identity, needed, access === 'reads' ? 'this server is private (KG_AUTH_READS=authenticated)' : `${request.routeOptions.url} needs it`);
  });
}

/** 401 for an anonymous caller (with the Bearer challenge), 403 for one whose role is too low. */
export function roleRefusal(identity: Identity, needed: Role, why: string): { status: 401 | 403; code: string; message: string; headers: Record<string, string> } {
  if (identity.kind === 'anonymous') {
    return {
      status: 401, code: 'UNAUTHENTICATED',
      message: `this needs the ${needed} role: ${why}; send an API key or a token as "Authorization: Bearer …" (README, "Access control")`,
      headers: { 'www-authenticate': `Bearer realm="${REALM}"` },
    };
  }
  return {
    status: 403, code: 'FORBIDDEN',
    message: `this needs the ${needed} role: ${why}; ${identity.name} holds ${identity.role ?? 'no role of reader, curator or admin'}`,
    headers: {},
  };
}

function refuseRole(reply: FastifyReply, identity: Identity, needed: Role, why: string) {
  const r = roleRefusal(identity, needed, why);
  return refuse(reply, r.status, r.code, r.message, r.headers, { needed });
}

function refuse(reply: FastifyReply, status: number, code: string, message: string, headers: Record<string, string>, extra: Record<string, unknown> = {}) {
  return reply.code(status).headers(headers).type('application/json; charset=utf-8')
    .send(JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] }));
}

/** A header value cannot hold quotes or line breaks. */
function headerSafe(text: string): string {
  return text.replace(/["\\\r\n]/g, "'");
}
