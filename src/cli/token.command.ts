import { Command, Option } from 'commander';
import { SignJWT } from 'jose';
import { parseLifetime } from '../domain/api-key.secret';
import { ConfigurationError } from '../domain/errors';
import { ROLES, type Role } from '../domain/identity.types';
import { accessFromEnv, type AccessConfig } from '../server/access/access.config';

/** The longest a minted token may live. */
const MAX_TOKEN_TTL_MS = 30 * 24 * 3600_000;

/** Returns the claims of a token for `sub` with `role`, with the roles at the configured claim path. */
export function tokenClaims(config: AccessConfig, role: Role): Record<string, unknown> {
  const path = config.rolesClaim.split('.');
  const claims: Record<string, unknown> = {};
  let at = claims;
  path.forEach((part, i) => {
    if (i === path.length - 1) at[part] = [role];
    else at = (at[part] = {}) as Record<string, unknown>;
  });
  return claims;
}

/** Mints an HS256 token with the configured secret (and issuer and audience, when set). */
export async function mintToken(config: AccessConfig, sub: string, role: Role, ttlMs: number, now = Date.now()): Promise<string> {
  if (!config.jwtSecret) throw new ConfigurationError('kg token signs with KG_AUTH_JWT_SECRET, which is not set (at least 32 bytes; `openssl rand -base64 48` makes one)');
  const jwt = new SignJWT(tokenClaims(config, role))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor((now + ttlMs) / 1000));
  if (config.issuer) jwt.setIssuer(config.issuer);
  if (config.audience) jwt.setAudience(config.audience);
  return jwt.sign(new TextEncoder().encode(config.jwtSecret));
}

/** Returns `kg token`: a JWT for local use, tests and the playground. */
export function tokenCommand(): Command {
  return new Command('token')
    .description('mint a JWT signed with KG_AUTH_JWT_SECRET (for local use, tests and the playground)')
    .requiredOption('--sub <name>', 'the subject: who the token is for')
    .addOption(new Option('--role <role>', 'the role it carries').choices([...ROLES]).default('reader'))
    .option('--ttl <duration>', 'lifetime such as 1h, 30m or 7d (at most 30d)', '1h')
    .action(async (flags: { sub: string; role: Role; ttl: string }) => {
      if (!/^[^\s]{1,200}$/.test(flags.sub)) throw new ConfigurationError('--sub must be 1 to 200 characters without spaces');
      const token = await mintToken(accessFromEnv(), flags.sub, flags.role, parseLifetime(flags.ttl, '--ttl', MAX_TOKEN_TTL_MS));
      process.stdout.write(`${token}\n`);
    });
}
