/** Why a heavy operation did not get a turn. */
export type LaneRefusal = { readonly refused: 'queue-full'; readonly waiting: number } | { readonly refused: 'deadline'; readonly waitedMs: number };

interface Waiter {
  readonly grant: () => void;
  timer?: NodeJS.Timeout;
}

/**
 * The heavy lane: operations whose estimated cost passes a threshold run a few at a time across
 * the whole process, whoever sends them, while light ones never wait for it.
 *
 * Most of a large response's work in Node is synchronous (completing tens of thousands of objects,
 * serialising megabytes of JSON, collecting the garbage), and on the embedded store so is the
 * store's. However fair the turns between clients, eight such operations at once keep every other
 * client's small query waiting behind all of them. Bounding how many run at once bounds that wait.
 *
 * Waiting turns go round the clients in rotation, so one client's burst of heavy operations never
 * delays another client's heavy operation by more than one turn each. A wait is bounded twice: by
 * the request's own deadline, and by the size of the queue.
 *
 * A turn that ends hands the next one over only after the event loop has polled for I/O once
 * (`handOver`). A turn ends inside the synchronous tail of a response, and a grant there would start
 * the next heavy operation in the same chain of microtasks: back-to-back turns would then read no
 * socket at all, and a light request that needs two or three reads (accept, headers, body) would
 * wait for two or three heavy operations instead of at most one.
 */
export class HeavyLane {
  private running = 0;
  private waiting = 0;
  private readonly queues = new Map<string, Waiter[]>();
  /** Clients with someone waiting, in the order their next turn comes. */
  private rotation: string[] = [];

  /** Turns ended whose hand-over to the next waiter is still pending. */
  private handing = 0;

  constructor(readonly concurrent: number, readonly maxQueued: number) {}

  /** How many heavy operations run now and wait now. */
  get load(): { readonly running: number; readonly waiting: number } {
    return { running: this.running, waiting: this.waiting };
  }

  /**
   * Waits for a turn for `client`, at most until `deadline` (epoch ms). Resolves to the function that
   * ends the turn (safe to call twice), or to the reason there is none.
   */
  async acquire(client: string, deadline: number): Promise<(() => void) | LaneRefusal> {
    if (this.running + this.handing < this.concurrent && this.waiting === 0) {
      this.running++;
      return this.releaser();
    }
    if (this.waiting >= this.maxQueued) return { refused: 'queue-full', waiting: this.waiting };
    const started = Date.now();
    const granted = await new Promise<boolean>((resolve) => {
      const waiter: Waiter = { grant: () => resolve(true) };
      let queue = this.queues.get(client);
      if (!queue) {
        this.queues.set(client, (queue = []));
        this.rotation.push(client);
      }
      queue.push(waiter);
      this.waiting++;
      const left = deadline - Date.now();
      waiter.timer = setTimeout(() => {
        this.remove(client, waiter);
        resolve(false);
      }, Math.max(0, left));
    });
    if (!granted) return { refused: 'deadline', waitedMs: Date.now() - started };
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      this.handing++;
      handOver(() => {
        this.handing--;
        this.next();
      });
    };
  }

  /** Hands free turns to the next clients in rotation. */
  private next(): void {
    while (this.running + this.handing < this.concurrent && this.rotation.length > 0) {
      const client = this.rotation.shift()!;
      const queue = this.queues.get(client)!;
      const waiter = queue.shift()!;
      if (queue.length > 0) this.rotation.push(client);
      else this.queues.delete(client);
      this.waiting--;
      clearTimeout(waiter.timer);
      this.running++;
      waiter.grant();
    }
  }

  private remove(client: string, waiter: Waiter): void {
    const queue = this.queues.get(client);
    const at = queue?.indexOf(waiter) ?? -1;
    if (!queue || at < 0) return;
    queue.splice(at, 1);
    this.waiting--;
    if (queue.length === 0) {
      this.queues.delete(client);
      this.rotation = this.rotation.filter((c) => c !== client);
    }
  }
}

/**
 * Runs `fn` after the event loop's next poll for I/O. From the poll phase, one `setImmediate` would
 * run in the check phase that directly follows it, before any socket that became readable meanwhile
 * is read; the second lands in the next iteration's check phase, after its poll.
 */
function handOver(fn: () => void): void {
  setImmediate(() => setImmediate(fn));
}
