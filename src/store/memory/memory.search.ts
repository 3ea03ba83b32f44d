import MiniSearch, { type Query, type SearchOptions } from 'minisearch';
import type { GraphNode, NodeType, Publication } from '../../domain/node.types';
import { searchKey } from '../fold';
import { containsPhrase, foldingTokens, luceneLower, standardPositions, standardTerms, type Token } from './memory.analyzer';
import { compareText, labelOf } from './memory.order';

/** Query terms are analyzed before they reach MiniSearch, so it must take them as they are. */
const EXACT: SearchOptions = { tokenize: (term) => [term], processTerm: (term) => term, prefix: false, fuzzy: false, combineWith: 'AND' };

/** A full-text hit: a node id and its score (BM25 from MiniSearch, so not Lucene's number). */
export interface TextHit {
  readonly id: string;
  readonly score: number;
}

/**
 * The memory store's three MiniSearch indexes, kept in step with the graph by the importer:
 * publication titles and abstracts and entity names, analyzed as Neo4j's fulltext indexes
 * analyze them, and every node's `searchKey` for typeahead. MiniSearch finds the candidates
 * (every term present); phrases (a word the analyzer splits, like "MS-13") are then checked
 * position by position, since MiniSearch keeps no positions.
 */
export class TextIndexes {
  private readonly publications = new MiniSearch<Publication>({
    fields: ['title', 'abstract'], tokenize: standardTerms, processTerm: (term) => term, searchOptions: EXACT,
  });
  private readonly names = new MiniSearch<GraphNode>({
    fields: ['name'], tokenize: (text) => foldingTokens(text).map((t) => t.term), processTerm: (term) => term, searchOptions: EXACT,
  });
  // Typeahead: each node's searchKey whole (for "the label starts with") and by word (for "a later word does").
  private readonly keyOf = new Map<string, string>();
  private readonly wholeKeys = new MiniSearch<GraphNode>({
    fields: ['key'], extractField: (node, field) => (field === 'id' ? node.id : this.keyOf.get(node.id)),
    tokenize: (key) => (key ? [key] : []), processTerm: (term) => term, searchOptions: { ...EXACT, prefix: true },
  });
  private readonly keys = new MiniSearch<GraphNode>({
    fields: ['key'], extractField: (node, field) => (field === 'id' ? node.id : this.keyOf.get(node.id)),
    tokenize: (key) => key.split(' ').filter(Boolean), processTerm: (term) => term, searchOptions: EXACT,
  });

  constructor(private readonly nodeById: (id: string) => GraphNode | null) {}

  /** Indexes a new node. */
  add(node: GraphNode): void {
    if (node.type === 'Publication') this.publications.add(node);
    else this.names.add(node);
    this.keyOf.set(node.id, searchKey(labelOf(node)));
    this.wholeKeys.add(node);
    this.keys.add(node);
  }

  /** Removes a node, given exactly as it was indexed (its searchKey is the one stored when it was added). */
  remove(node: GraphNode): void {
    if (node.type === 'Publication') this.publications.remove(node);
    else this.names.remove(node);
    this.wholeKeys.remove(node);
    this.keys.remove(node);
    this.keyOf.delete(node.id);
  }

  /** Empties every index. */
  clear(): void {
    this.publications.removeAll();
    this.names.removeAll();
    this.wholeKeys.removeAll();
    this.keys.removeAll();
    this.keyOf.clear();
  }

  /** Returns the publications whose title or abstract holds every word (each word a phrase in one field), with scores. */
  searchPublications(words: readonly string[]): TextHit[] {
    const phrases = words.map(standardPositions).filter((p) => p.length > 0);
    return this.run(this.publications, phrases, (node) => [(node as Publication).title, (node as Publication).abstract]);
  }

  /** Returns the authors, countries, regions and themes (of the given types) whose name holds every word, folded, with scores. */
  searchNames(words: readonly string[], types: readonly NodeType[]): TextHit[] {
    const phrases = words.map(foldingTokens).filter((p) => p.length > 0);
    const hits = this.run(this.names, phrases, (node) => [labelOf(node)], foldingTokens);
    return hits.filter((hit) => types.includes(this.nodeById(hit.id)!.type));
  }

  /** Returns a node's searchKey (its label folded for typeahead). */
  searchKeyOf(id: string): string {
    return this.keyOf.get(id) ?? '';
  }

  /** Returns the ids of the nodes whose searchKey starts with `key`. */
  keyPrefixMatches(key: string): string[] {
    return key ? this.wholeKeys.search(key).map((r) => r.id as string) : [];
  }

  /** Returns the ids of the nodes whose searchKey has every word of `key` (the last one as a prefix): a superset of those where a later word starts with it. */
  keyWordMatches(key: string): string[] {
    const words = key.split(' ').filter(Boolean);
    if (words.length === 0) return [];
    const query: Query = { combineWith: 'AND', queries: words.map((word, i) => ({ queries: [word], prefix: i === words.length - 1 })) };
    return this.keys.search(query).map((r) => r.id as string);
  }

  /**
   * Returns the candidates MiniSearch finds for every term of the phrases, kept when each phrase
   * occurs in one field; fields that do not even contain each term's text are not analyzed.
   */
  private run<T>(index: MiniSearch<T>, phrases: readonly Token[][], fields: (node: GraphNode) => string[], analyze: (text: string) => Token[] = standardPositions): TextHit[] {
    if (phrases.length === 0) return [];
    const terms = [...new Set(phrases.flatMap((p) => p.map((t) => t.term)))];
    const long = phrases.filter((p) => p.length > 1);
    const occurs = (text: string, phrase: readonly Token[]): boolean => {
      const folded = analyze === standardPositions ? luceneLower(text) : null;
      return (folded === null || phrase.every((t) => folded.includes(t.term))) && containsPhrase(analyze(text), phrase);
    };
    const hits: TextHit[] = [];
    for (const result of index.search({ combineWith: 'AND', queries: terms })) {
      const id = result.id as string;
      if (long.length && !long.every((phrase) => fields(this.nodeById(id)!).some((text) => occurs(text, phrase)))) continue;
      hits.push({ id, score: result.score });
    }
    return hits.sort((a, b) => b.score - a.score || compareText(a.id, b.id));
  }
}
