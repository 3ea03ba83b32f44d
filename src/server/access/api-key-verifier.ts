import { hashApiKey } from '../../domain/api-key.secret';
import type { ApiKeyRecord, Identity } from '../../domain/identity.types';
import type { ApiKeyStore } from '../../store/store';
import { BAD_KEY_MESSAGE, CredentialError } from './credential-error';

/** Lookups kept at most: past this the cache starts over (a spray of random keys is rate-limited anyway). */
const MAX_CACHED = 10_000;
/** A key's last use is written at most this often per process. */
const MARK_USED_EVERY_MS = 60_000;

/**
 * Checks API keys against the store by their hash. A lookup is reused for at most `cacheMs`
 * (≤ 1 s), so a key revoked by `kg keys revoke` in any process stops working within a second
 * everywhere. Unknown, revoked and expired keys get the same refusal; the log says which.
 */
export class ApiKeyVerifier {
  private readonly cache = new Map<string, { record: ApiKeyRecord | null; until: number }>();
  private readonly marked = new Map<string, number>();

  constructor(
    private readonly store: ApiKeyStore,
    private readonly cacheMs: number,
    private readonly onNote: (level: 'warn' | 'error', fields: Record<string, unknown>, message: string) => void = () => {},
  ) {}

  async verify(key: string, now = Date.now()): Promise<Identity> {
    const hash = hashApiKey(key);
    let entry = this.cache.get(hash);
    if (!entry || entry.until <= now) {
      const record = await this.store.findByHash(hash);
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      entry = { record, until: now + this.cacheMs };
      if (this.cacheMs > 0) this.cache.set(hash, entry);
    }
    const record = entry.record;
    if (!record) throw new CredentialError('bad_key', BAD_KEY_MESSAGE, 'no key has this hash');
    if (record.revokedAt !== null) {
      this.onNote('warn', { key: record.name, revokedAt: record.revokedAt }, 'a revoked API key was used');
      throw new CredentialError('bad_key', BAD_KEY_MESSAGE, `key ${record.name} was revoked`);
    }
    if (record.expiresAt !== null && Date.parse(record.expiresAt) <= now) {
      this.onNote('warn', { key: record.name, expiresAt: record.expiresAt }, 'an expired API key was used');
      throw new CredentialError('bad_key', BAD_KEY_MESSAGE, `key ${record.name} expired`);
    }
    this.markUsed(record.name, now);
    return {
      kind: 'api-key',
      name: record.name,
      budgetKey: `key:${record.name}`,
      roles: [record.role],
      role: record.role,
      ...(record.expiresAt !== null ? { expiresAt: Date.parse(record.expiresAt) } : {}),
    };
  }

  /** Drops every cached lookup (after this process revokes a key itself). */
  forget(): void {
    this.cache.clear();
  }

  private markUsed(name: string, now: number): void {
    const last = this.marked.get(name);
    if (last !== undefined && now - last < MARK_USED_EVERY_MS) return;
    if (this.marked.size >= MAX_CACHED) this.marked.clear();
    this.marked.set(name, now);
    this.store.markUsed(name, new Date(now).toISOString()).catch((err: unknown) => {
      this.onNote('error', { key: name, err }, 'could not record an API key\'s last use');
    });
  }
}
