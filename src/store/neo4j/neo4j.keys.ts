import { ConflictError } from '../../domain/errors';
import { MAX_API_KEYS, type ApiKeyRecord, type NewApiKey, type Role } from '../../domain/identity.types';
import type { ApiKeyStore } from '../store';
import type { CypherLoader } from './cypher-loader';
import type { Neo4jRunner } from './neo4j.runner';
import type { QueryName } from './queries';

/**
 * The Neo4j adapter of the API key port: one `(:ApiKey)` node per key, instants as ISO strings,
 * absent properties read as null. Every call is one statement in its own managed transaction
 * (runner.read/write). None is admitted or charged like the graph reads: outside `track` (key
 * checks, `kg keys`) no budget applies; inside one (the admin API) the runner still counts the
 * statement as the unit's round trip and ends it by the unit's deadline.
 */
export class Neo4jKeyStore implements ApiKeyStore {
  constructor(
    private readonly runner: Neo4jRunner,
    private readonly queries: CypherLoader<QueryName>,
  ) {}

  async create(key: NewApiKey): Promise<void> {
    const params = { name: key.name, role: key.role, hash: key.hash, createdAt: key.createdAt, expiresAt: key.expiresAt, max: MAX_API_KEYS };
    let rows;
    try {
      rows = await this.runner.write((tx) => tx.run(this.queries.get('create-api-key'), params));
    } catch (err) {
      throw err instanceof ConflictError ? repeated(key.name, err) : err;
    }
    if (rows.length === 0) throw new ConflictError(`the store holds ${MAX_API_KEYS} API keys already, the most it keeps; "${key.name}" was not added`);
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | null> {
    const [row] = await this.runner.read(this.queries.get('find-api-key-by-hash'), { hash });
    return row ? toRecord(row.props as Record<string, unknown>) : null;
  }

  async list(): Promise<ApiKeyRecord[]> {
    const rows = await this.runner.read(this.queries.get('list-api-keys'), { max: MAX_API_KEYS });
    return rows.map((row) => toRecord(row.props as Record<string, unknown>));
  }

  async revoke(name: string, at: string): Promise<boolean> {
    const rows = await this.runner.write((tx) => tx.run(this.queries.get('revoke-api-key'), { name, at }));
    return rows.length > 0;
  }

  async markUsed(name: string, at: string): Promise<void> {
    await this.runner.write((tx) => tx.run(this.queries.get('mark-api-key-used'), { name, at }));
  }
}

/** Returns the ConflictError for a key the constraints refused, saying which of its values is taken. */
function repeated(name: string, err: ConflictError): ConflictError {
  const driverMessage = err.cause instanceof Error ? err.cause.message : err.message;
  // Neo4j names the property: "Node(7) already exists with label `ApiKey` and property `hash` = '…'".
  if (/property `hash`/.test(driverMessage)) {
    return new ConflictError(`API key "${name}" was not added: another key has the same hash`, { cause: err.cause });
  }
  return new ConflictError(`an API key named "${name}" exists already (revoked keys included: names are never re-used)`, { cause: err.cause });
}

/** Returns the record of an `:ApiKey` node's properties. */
function toRecord(props: Record<string, unknown>): ApiKeyRecord {
  return {
    name: props.name as string,
    role: props.role as Role,
    hash: props.hash as string,
    createdAt: props.createdAt as string,
    expiresAt: (props.expiresAt as string | undefined) ?? null,
    revokedAt: (props.revokedAt as string | undefined) ?? null,
    lastUsedAt: (props.lastUsedAt as string | undefined) ?? null,
  };
}
