/**
 * Fair turns between clients: each client runs at most `running` requests at once; its further
 * requests wait in its own queue (at most `queued`), so one client's burst never takes the turns of
 * another's. Past the queue, a request is refused at once (`null`), never left to pile up.
 */
export class ClientSlots {
  private readonly clients = new Map<string, { running: number; waiting: (() => void)[] }>();

  constructor(readonly running: number, readonly queued: number) {}

  /** Waits for a turn of `client`; resolves to the function that ends it, or null when the queue is full. */
  async acquire(client: string): Promise<(() => void) | null> {
    let entry = this.clients.get(client);
    if (!entry) this.clients.set(client, (entry = { running: 0, waiting: [] }));
    if (entry.running >= this.running) {
      if (entry.waiting.length >= this.queued) return null;
      await new Promise<void>((resolve) => entry!.waiting.push(resolve));
    } else {
      entry.running++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = entry!.waiting.shift();
      if (next) next(); // the turn passes on: `running` stays the same
      else if (--entry!.running === 0) this.clients.delete(client);
    };
  }
}
