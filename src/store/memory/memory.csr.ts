/**
 * Rows of numbers stored flat (compressed sparse rows): row r is items[start[r]] up to
 * items[start[r + 1]]. The memory store keeps each publication's links and each node's
 * publications this way, so counting over thousands of publications walks typed arrays rather
 * than maps of string arrays.
 */
export interface Csr {
  readonly start: Int32Array;
  readonly items: Int32Array;
}

/** Returns the rows built from (row, item) pairs; within a row, items keep the order they were given in. */
export function csrOf(rowCount: number, rows: readonly number[], items: readonly number[]): Csr {
  const start = new Int32Array(rowCount + 1);
  for (const r of rows) start[r + 1]++;
  for (let r = 0; r < rowCount; r++) start[r + 1] += start[r];
  const fill = start.slice(0, rowCount);
  const flat = new Int32Array(items.length);
  rows.forEach((r, i) => void (flat[fill[r]++] = items[i]));
  return { start, items: flat };
}

/** Returns the rows turned around: row n lists the rows that hold n, ascending (once each when `distinct`). */
export function invert(csr: Csr, rowCount: number, distinct: boolean): Csr {
  const rows: number[] = [];
  const items: number[] = [];
  const last = new Int32Array(rowCount).fill(-1);
  for (let r = 0; r + 1 < csr.start.length; r++) {
    for (let i = csr.start[r]; i < csr.start[r + 1]; i++) {
      const n = csr.items[i];
      if (distinct && last[n] === r) continue;
      last[n] = r;
      rows.push(n);
      items.push(r);
    }
  }
  return csrOf(rowCount, rows, items);
}

/** Returns one row (a view, not a copy). */
export function rowOf(csr: Csr, r: number): Int32Array {
  return csr.items.subarray(csr.start[r], csr.start[r + 1]);
}

/** Returns how many items a row has. */
export function rowLength(csr: Csr, r: number): number {
  return csr.start[r + 1] - csr.start[r];
}

/**
 * Counts, per number, how many lists hold it (a number repeated within one list counts once),
 * with plain typed arrays.
 */
export class Tally {
  private readonly counts: Int32Array;
  private readonly seenIn: Int32Array;
  private readonly touched: number[] = [];
  private list = 0;

  constructor(size: number) {
    this.counts = new Int32Array(size);
    this.seenIn = new Int32Array(size);
  }

  /** Counts the numbers of row `r` of each of the CSRs as one list. */
  addRow(r: number, ...csrs: Csr[]): void {
    this.list++;
    for (const csr of csrs) {
      for (let i = csr.start[r]; i < csr.start[r + 1]; i++) {
        const n = csr.items[i];
        if (this.seenIn[n] === this.list) continue;
        this.seenIn[n] = this.list;
        if (this.counts[n]++ === 0) this.touched.push(n);
      }
    }
  }

  /** Returns how many lists held a number. */
  count(n: number): number {
    return this.counts[n];
  }

  /** Returns [number, count] for every number counted, by count desc then number asc, at most `limit`. */
  top(limit = Infinity): [number, number][] {
    const order = [...this.touched].sort((a, b) => this.counts[b] - this.counts[a] || a - b);
    return order.slice(0, limit).map((n) => [n, this.counts[n]]);
  }
}
