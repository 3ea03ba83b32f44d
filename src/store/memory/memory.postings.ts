/**
 * A full-text index of documents with a few fields, in flat typed arrays: per term and field a
 * posting list of (document slot, term frequency) pairs. It scores exactly as MiniSearch 7 does
 * with the options the memory store gave it (exact terms, AND, BM25+ with k 1.2, b 0.7, d 0.5,
 * field lengths counted in distinct terms, averages updated the way MiniSearch updates them),
 * so answers and scores are those MiniSearch gave; it holds about a tenth of the memory, because
 * MiniSearch keeps a radix tree of Maps with one Map entry per (term, field, document).
 */
export class PostingsIndex<T> {
  /** Per term: its number. */
  private readonly termNumber = new Map<string, number>();
  /** Per field, per term number: [slot, frequency, slot, frequency, …], slots ascending, and how many ints are used. */
  private readonly lists: (Int32Array | undefined)[][];
  private readonly used: number[][];
  /** Per slot: the document's id (undefined once removed), and per slot and field its length in distinct terms. */
  private readonly idAt: (string | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  private fieldLength = new Int32Array(0);
  private readonly averageLength: number[];
  private documentCount = 0;

  /**
   * @param fields the fields' texts of a document, in field order.
   * @param tokenize a text's terms, in order (repeats count towards the term's frequency).
   */
  constructor(
    private readonly fieldCount: number,
    private readonly fieldsOf: (doc: T) => readonly string[],
    private readonly idOf: (doc: T) => string,
    private readonly tokenize: (text: string) => string[],
  ) {
    this.lists = Array.from({ length: fieldCount }, () => []);
    this.used = Array.from({ length: fieldCount }, () => []);
    this.averageLength = new Array<number>(fieldCount).fill(0);
  }

  /** Indexes a document (its id must not be indexed already). */
  add(doc: T): void {
    const id = this.idOf(doc);
    if (this.slotOf.has(id)) throw new Error(`duplicate id ${id} in the text index`);
    const slot = this.idAt.length;
    this.idAt.push(id);
    this.slotOf.set(id, slot);
    const count = this.documentCount++;
    if (this.fieldLength.length < (slot + 1) * this.fieldCount) {
      const grown = new Int32Array(Math.max(64, (slot + 1) * this.fieldCount * 2));
      grown.set(this.fieldLength);
      this.fieldLength = grown;
    }
    const texts = this.fieldsOf(doc);
    for (let f = 0; f < this.fieldCount; f++) {
      // MiniSearch leaves a missing field out of the averages too.
      if (texts[f] == null) continue;
      const frequencies = this.frequencies(texts[f]);
      this.fieldLength[slot * this.fieldCount + f] = frequencies.size;
      // As MiniSearch's addFieldLength computes it, so that scores are bit for bit the same.
      this.averageLength[f] = (this.averageLength[f] * count + frequencies.size) / (count + 1);
      for (const [term, frequency] of frequencies) if (term) this.append(f, this.numberOf(term), slot, frequency);
    }
  }

  /** Removes a document, given as it was indexed. */
  remove(doc: T): void {
    const id = this.idOf(doc);
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    const count = this.documentCount;
    const texts = this.fieldsOf(doc);
    for (let f = 0; f < this.fieldCount; f++) {
      if (texts[f] == null) continue;
      const length = this.fieldLength[slot * this.fieldCount + f];
      // As MiniSearch's removeFieldLength computes it.
      this.averageLength[f] = count === 1 ? 0 : (this.averageLength[f] * count - length) / (count - 1);
      for (const term of this.frequencies(texts[f]).keys()) {
        const n = this.termNumber.get(term);
        if (n !== undefined) this.drop(f, n, slot);
      }
    }
    this.idAt[slot] = undefined;
    this.slotOf.delete(id);
    this.documentCount--;
  }

  /** Empties the index. */
  clear(): void {
    this.termNumber.clear();
    for (let f = 0; f < this.fieldCount; f++) {
      this.lists[f].length = 0;
      this.used[f].length = 0;
      this.averageLength[f] = 0;
    }
    this.idAt.length = 0;
    this.slotOf.clear();
    this.fieldLength = new Int32Array(0);
    this.documentCount = 0;
  }

  /** Returns the documents holding every term (in some field), with MiniSearch's score: per term the fields' BM25+ summed, the terms' summed, times the number of terms. */
  search(terms: readonly string[]): { id: string; score: number }[] {
    let combined: Map<number, number> | null = null;
    for (const term of terms) {
      const scores = this.termScores(term);
      if (combined === null) {
        combined = scores;
        continue;
      }
      const next = new Map<number, number>();
      for (const [slot, score] of scores) {
        const before = combined.get(slot);
        if (before !== undefined) next.set(slot, before + score);
      }
      combined = next;
    }
    const out: { id: string; score: number }[] = [];
    for (const [slot, score] of combined ?? []) out.push({ id: this.idAt[slot]!, score: score * terms.length });
    return out;
  }

  /** Trims every posting list to its length (after a bulk load, so growth slack is not kept). */
  compact(): void {
    for (let f = 0; f < this.fieldCount; f++) {
      const lists = this.lists[f];
      for (let n = 0; n < lists.length; n++) {
        const list = lists[n];
        const used = this.used[f][n];
        if (list && list.length > used) lists[n] = list.slice(0, used);
      }
    }
  }

  private termScores(term: string): Map<number, number> {
    const scores = new Map<number, number>();
    const n = this.termNumber.get(term);
    if (n === undefined) return scores;
    for (let f = 0; f < this.fieldCount; f++) {
      const list = this.lists[f][n];
      const used = this.used[f][n] ?? 0;
      if (!list || used === 0) continue;
      const matching = used / 2;
      const average = this.averageLength[f];
      for (let i = 0; i < used; i += 2) {
        const slot = list[i];
        const score = bm25(list[i + 1], matching, this.documentCount, this.fieldLength[slot * this.fieldCount + f], average);
        const before = scores.get(slot);
        scores.set(slot, before === undefined ? score : before + score);
      }
    }
    return scores;
  }

  private frequencies(text: string | null | undefined): Map<string, number> {
    const out = new Map<string, number>();
    if (text == null) return out;
    for (const term of this.tokenize(text)) out.set(term, (out.get(term) ?? 0) + 1);
    return out;
  }

  private numberOf(term: string): number {
    let n = this.termNumber.get(term);
    if (n === undefined) {
      n = this.termNumber.size;
      this.termNumber.set(term, n);
    }
    return n;
  }

  private append(f: number, n: number, slot: number, frequency: number): void {
    const used = this.used[f][n] ?? 0;
    let list = this.lists[f][n];
    if (!list || list.length < used + 2) {
      const grown = new Int32Array(Math.max(4, used * 2));
      if (list) grown.set(list.subarray(0, used));
      list = grown;
      this.lists[f][n] = list;
    }
    list[used] = slot;
    list[used + 1] = frequency;
    this.used[f][n] = used + 2;
  }

  private drop(f: number, n: number, slot: number): void {
    const list = this.lists[f][n];
    const used = this.used[f][n] ?? 0;
    if (!list) return;
    // Slots are appended in ascending order, so each list is sorted by slot.
    let lo = 0;
    let hi = used / 2;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid * 2] < slot) lo = mid + 1;
      else hi = mid;
    }
    if (lo * 2 >= used || list[lo * 2] !== slot) return;
    list.copyWithin(lo * 2, lo * 2 + 2, used);
    this.used[f][n] = used - 2;
  }
}

/** MiniSearch 7's BM25+ (its default parameters), written as it writes it so that rounding is the same. */
function bm25(termFreq: number, matchingCount: number, totalCount: number, fieldLength: number, avgFieldLength: number): number {
  const k = 1.2;
  const b = 0.7;
  const d = 0.5;
  const invDocFreq = Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
  return invDocFreq * (d + termFreq * (k + 1) / (termFreq + k * (1 - b + b * fieldLength / avgFieldLength)));
}
