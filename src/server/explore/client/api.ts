import { timed } from './hooks';
/** The public GraphQL API, as the explorer calls it: same origin, with the fragment's key when there is one. */

export interface Sent {
  readonly operation: string;
  readonly variables: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(message: string, readonly code: string | undefined, readonly status: number) {
    super(message);
  }
}

/** The key the URL fragment carries (`#key=…`): sent to this server's API only, never in a query string. */
export function fragmentKey(): string | null {
  const params = new URLSearchParams(location.hash.slice(1));
  const key = params.get('key');
  return key && key.trim() ? key.trim() : null;
}

export class Api {
  private readonly listeners: Array<(sent: Sent) => void> = [];

  constructor(readonly endpoint: string) {}

  onSend(listener: (sent: Sent) => void): void {
    this.listeners.push(listener);
  }

  headers(): Record<string, string> {
    const key = fragmentKey();
    return { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) };
  }

  /**
   * Sends one operation. `shown` marks the view's main operation, the one "Show the query" gives.
   * GraphQL errors become an ApiError carrying the first message and code.
   */
  async send<T>(operation: string, variables: Record<string, unknown>, shown = true): Promise<T> {
    if (shown) {
      for (const listener of this.listeners) listener({ operation, variables });
    }
    const started = performance.now();
    const res = await fetch(this.endpoint, { method: 'POST', headers: this.headers(), body: JSON.stringify({ query: operation, variables }), credentials: 'omit' });
    let body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    try {
      body = await res.json();
    } catch {
      throw new ApiError(`the API answered HTTP ${res.status} without JSON`, undefined, res.status);
    }
    if (shown) timed('api', performance.now() - started);
    const first = body.errors?.[0];
    if (first) {
      const code = first.extensions?.code;
      const hint = code === 'UNAUTHENTICATED' ? ' Add your API key to the address as #key=YOUR_KEY (it stays in the browser).' : '';
      throw new ApiError(`${first.message}${hint}`, code, res.status);
    }
    if (!body.data) throw new ApiError(`the API answered HTTP ${res.status} with no data`, undefined, res.status);
    return body.data;
  }
}
