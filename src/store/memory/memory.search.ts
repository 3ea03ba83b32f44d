import MiniSearch, { type Query, type SearchOptions } from 'minisearch';
import type { GraphNode, NodeType, Publication } from '../../domain/node.types';
import { searchKey } from '../fold';
import { containsPhrase, foldingTokens, luceneLower, standardPositions, standardTerms, type Token } from './memory.analyzer';
import { compareText, labelOf } from './memory.order';
import { PostingsIndex } from './memory.postings';

/** Query terms are analyzed before they reach MiniSearch, so it must take them as they are. */
const EXACT: SearchOptions = { tokenize: (term) => [term], processTerm: (term) => term, prefix: false, fuzzy: false, combineWith: 'AND' };

/** How long one background slice of indexing may hold the event loop. */
const BACKGROUND_SLICE_MS = 15;
/** How many pending changes make catching up worth compacting the posting lists. */
const COMPACT_AFTER = 1024;

/** A full-text hit: a node id and its score (BM25 from MiniSearch, so not Lucene's number). */
export interface TextHit {
  readonly id: string;
  readonly score: number;
}

/**
 * The memory store's text indexes, kept in step with the graph by the importer: two MiniSearch
 * indexes of publication titles and abstracts and of entity names, analyzed as Neo4j's fulltext
 * indexes analyze them, and every node's `searchKey` for typeahead. MiniSearch finds the candidates
 * (every term present); phrases (a word the analyzer splits, like "MS-13") are then checked
 * position by position, since MiniSearch keeps no positions.
 */
export class TextIndexes {
  // Publications are most of the nodes: their index keeps postings in typed arrays, scored as MiniSearch scores.
  private readonly publications = new PostingsIndex<Publication>(2, (p) => [p.title, p.abstract], (p) => p.id, (text) => standardTerms(text));
  private readonly names = new MiniSearch<GraphNode>({
    fields: ['name'], tokenize: (text) => foldingTokens(text).map((t) => t.term), processTerm: (term) => term, searchOptions: EXACT,
  });
  // Typeahead: each node's searchKey, scanned whole (a scan of plain strings costs a few
  // milliseconds at 100,000 nodes, where two radix trees of every title cost seconds and
  // hundreds of megabytes to build). `keys[i]` is the key of `keyIds[i]`.
  private readonly keyAt = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly keyIds: string[] = [];

  // Adds and removals not yet applied to the two word indexes, in order: a load of 100,000
  // publications is served before its words are indexed (seconds of work), which the background
  // applies in slices; a search first applies whatever is left, so it sees every write before it.
  private readonly pending: { add: boolean; node: GraphNode }[] = [];
  private pendingFrom = 0;
  private draining: NodeJS.Immediate | null = null;

  constructor(private readonly nodeById: (id: string) => GraphNode | null) {}

  /** Indexes a new node. */
  add(node: GraphNode): void {
    this.defer(true, node);
    const key = searchKey(labelOf(node));
    const at = this.keyAt.get(node.id);
    if (at === undefined) {
      this.keyAt.set(node.id, this.keys.length);
      this.keys.push(key);
      this.keyIds.push(node.id);
    } else {
      this.keys[at] = key;
    }
  }

  /** Removes a node, given exactly as it was indexed (its searchKey is the one stored when it was added). */
  remove(node: GraphNode): void {
    this.defer(false, node);
    const at = this.keyAt.get(node.id);
    if (at === undefined) return;
    // The last key takes the removed one's place: the scans do not depend on the keys' order.
    const last = this.keys.length - 1;
    this.keys[at] = this.keys[last];
    this.keyIds[at] = this.keyIds[last];
    this.keyAt.set(this.keyIds[at], at);
    this.keys.pop();
    this.keyIds.pop();
    this.keyAt.delete(node.id);
  }

  /** Empties every index. */
  clear(): void {
    this.pending.length = 0;
    this.pendingFrom = 0;
    this.publications.clear();
    this.names.removeAll();
    this.keyAt.clear();
    this.keys.length = 0;
    this.keyIds.length = 0;
  }

  /** Returns the publications whose title or abstract holds every word (each word a phrase in one field), with scores. */
  searchPublications(words: readonly string[]): TextHit[] {
    this.catchUp(Infinity);
    const phrases = words.map(standardPositions).filter((p) => p.length > 0);
    return this.run((terms) => this.publications.search(terms), phrases, (node) => [(node as Publication).title, (node as Publication).abstract]);
  }

  /** Returns the authors, countries, regions and themes (of the given types) whose name holds every word, folded, with scores. */
  searchNames(words: readonly string[], types: readonly NodeType[]): TextHit[] {
    this.catchUp(Infinity);
    const phrases = words.map(foldingTokens).filter((p) => p.length > 0);
    const names = (terms: readonly string[]) => this.names.search({ combineWith: 'AND', queries: [...terms] }).map((r) => ({ id: r.id as string, score: r.score }));
    const hits = this.run(names, phrases, (node) => [labelOf(node)], foldingTokens);
    return hits.filter((hit) => types.includes(this.nodeById(hit.id)!.type));
  }

  /** Returns a node's searchKey (its label folded for typeahead). */
  searchKeyOf(id: string): string {
    const at = this.keyAt.get(id);
    return at === undefined ? '' : this.keys[at];
  }

  /** Returns the ids of the nodes whose searchKey starts with `key`. */
  keyPrefixMatches(key: string): string[] {
    return key ? this.scanKeys((k) => k.startsWith(key)) : [];
  }

  /** Returns the ids of the nodes whose searchKey has a later word starting with `key` (a key of several words: those words in a row). */
  keyWordMatches(key: string): string[] {
    const words = key.split(' ').filter(Boolean);
    if (words.length === 0) return [];
    const later = ` ${words.join(' ')}`;
    return this.scanKeys((k) => k.includes(later));
  }

  /** Applies the pending adds and removals to the word indexes, for at most `budgetMs` (then compacts them once all are applied); returns whether all are. */
  catchUp(budgetMs: number): boolean {
    const { pending } = this;
    if (this.pendingFrom >= pending.length) return true;
    const until = performance.now() + budgetMs;
    while (this.pendingFrom < pending.length) {
      const { add, node } = pending[this.pendingFrom++];
      if (node.type === 'Publication') {
        if (add) this.publications.add(node);
        else this.publications.remove(node);
      } else if (add) {
        this.names.add(node);
      } else {
        this.names.remove(node);
      }
      if ((this.pendingFrom & 255) === 0 && performance.now() > until) return false;
    }
    // After a load, trim the posting lists' growth slack once.
    if (pending.length >= COMPACT_AFTER) this.publications.compact();
    pending.length = 0;
    this.pendingFrom = 0;
    return true;
  }

  private defer(add: boolean, node: GraphNode): void {
    this.pending.push({ add, node });
    // unref: the background catching-up never keeps a process alive.
    this.draining ??= setImmediate(() => this.drainInBackground()).unref();
  }

  private drainInBackground(): void {
    this.draining = null;
    if (!this.catchUp(BACKGROUND_SLICE_MS)) this.draining = setImmediate(() => this.drainInBackground()).unref();
  }

  private scanKeys(matches: (key: string) => boolean): string[] {
    const out: string[] = [];
    const { keys, keyIds } = this;
    for (let i = 0; i < keys.length; i++) if (matches(keys[i])) out.push(keyIds[i]);
    return out;
  }

  /**
   * Returns the candidates MiniSearch finds for every term of the phrases, kept when each phrase
   * occurs in one field; fields that do not even contain each term's text are not analyzed.
   */
  private run(find: (terms: readonly string[]) => TextHit[], phrases: readonly Token[][], fields: (node: GraphNode) => string[], analyze: (text: string) => Token[] = standardPositions): TextHit[] {
    if (phrases.length === 0) return [];
    const terms = [...new Set(phrases.flatMap((p) => p.map((t) => t.term)))];
    const long = phrases.filter((p) => p.length > 1);
    const occurs = (text: string, phrase: readonly Token[]): boolean => {
      const folded = analyze === standardPositions ? luceneLower(text) : null;
      return (folded === null || phrase.every((t) => folded.includes(t.term))) && containsPhrase(analyze(text), phrase);
    };
    const hits: TextHit[] = [];
    for (const result of find(terms)) {
      const id = result.id;
      if (long.length && !long.every((phrase) => fields(this.nodeById(id)!).some((text) => occurs(text, phrase)))) continue;
      hits.push({ id, score: result.score });
    }
    return hits.sort((a, b) => b.score - a.score || compareText(a.id, b.id));
  }
}
