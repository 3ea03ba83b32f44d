import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { HeavyLane } from '../../src/server/limits/heavy-lane';

const FAR = () => Date.now() + 60_000;

describe('HeavyLane', () => {
  it('runs at most its number of operations at once and hands each freed turn on', async () => {
    const lane = new HeavyLane(2, 10);
    const a = await lane.acquire('a', FAR());
    const b = await lane.acquire('b', FAR());
    expect(typeof a).toBe('function');
    expect(typeof b).toBe('function');
    let cGot = false;
    const c = lane.acquire('c', FAR()).then((turn) => ((cGot = true), turn));
    await Promise.resolve();
    expect(cGot).toBe(false);
    expect(lane.load).toEqual({ running: 2, waiting: 1 });
    (a as () => void)();
    (a as () => void)(); // a second call changes nothing
    const turn = await c;
    expect(typeof turn).toBe('function');
    expect(lane.load).toEqual({ running: 2, waiting: 0 });
    (b as () => void)();
    (turn as () => void)();
    expect(lane.load).toEqual({ running: 0, waiting: 0 });
  });

  it('goes round the clients in rotation, so one client\'s burst does not go first', async () => {
    const lane = new HeavyLane(1, 10);
    const holder = (await lane.acquire('x', FAR())) as () => void;
    const order: string[] = [];
    const wait = (client: string, label: string) =>
      lane.acquire(client, FAR()).then((turn) => {
        order.push(label);
        (turn as () => void)();
      });
    // The burst of client a arrives before b's and c's single operations.
    const all = [wait('a', 'a1'), wait('a', 'a2'), wait('a', 'a3'), wait('b', 'b1'), wait('c', 'c1')];
    holder();
    await Promise.all(all);
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'a3']);
  });

  it('refuses at once when its queue is full, and gives up a wait at the deadline', async () => {
    const lane = new HeavyLane(1, 1);
    const holder = (await lane.acquire('x', FAR())) as () => void;
    const started = Date.now();
    const waiting = lane.acquire('a', Date.now() + 80);
    expect(await lane.acquire('b', FAR())).toEqual({ refused: 'queue-full', waiting: 1 });
    const late = await waiting;
    expect(late).toMatchObject({ refused: 'deadline' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    // The expired waiter left the queue: the next one gets the freed turn.
    expect(lane.load).toEqual({ running: 1, waiting: 0 });
    const next = lane.acquire('c', FAR());
    holder();
    expect(typeof (await next)).toBe('function');
  });

  it('reads the sockets that became readable during a turn before it starts the next one', async () => {
    // A turn ends in the synchronous tail of a response. Were the next turn granted there, back-to-back
    // heavy operations would run in one chain of microtasks, and a light request's bytes, which
    // arrived meanwhile, would wait for all of them.
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const accepted = once(server, 'connection') as Promise<[Socket]>;
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    const [socket] = await accepted;
    const order: string[] = [];
    socket.on('data', () => order.push('light request read'));
    try {
      const lane = new HeavyLane(1, 10);
      const first = (await lane.acquire('a', FAR())) as () => void;
      const second = lane.acquire('b', FAR()).then((turn) => (order.push('next heavy turn'), turn));
      client.write('x');
      const busyUntil = Date.now() + 30; // the heavy operation's synchronous work, while the byte arrives
      while (Date.now() < busyUntil) { /* busy */ }
      first();
      ((await second) as () => void)();
      expect(order).toEqual(['light request read', 'next heavy turn']);
    } finally {
      client.destroy();
      socket.destroy();
      server.close();
    }
  });
});
