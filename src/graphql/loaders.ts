import DataLoader from 'dataloader';
import type { GraphNode } from '../domain/node.types';
import type { AnchorOptions } from '../domain/query.types';
import type { ByKey, GraphStore, PublicationPage } from '../store/store';

type Batch<V> = (ids: readonly string[]) => Promise<ByKey<V>>;

/**
 * Request-scoped DataLoaders over the store: every nested field of one request that asks the same
 * question (with the same arguments) is answered by one batched store call, so round trips grow
 * with the query's depth, not with its number of rows.
 */
export class Loaders {
  private readonly byQuestion = new Map<string, DataLoader<string, unknown>>();
  /** Nodes by id (null for unknown ids). */
  readonly node: DataLoader<string, GraphNode | null>;

  constructor(private readonly store: GraphStore) {
    this.node = new DataLoader(async (ids) => store.getNodes(ids), { maxBatchSize: 1000 });
  }

  authorsOf(id: string) {
    return this.load('authorsOf', id, (ids) => this.store.authorsOf(ids), []);
  }
  placesOf(id: string, relation: 'COVERS' | 'MENTIONS') {
    return this.load(`placesOf:${relation}`, id, (ids) => this.store.placesOf(ids, relation), []);
  }
  themesOf(id: string) {
    return this.load('themesOf', id, (ids) => this.store.themesOf(ids), []);
  }
  historyOf(id: string, first: number) {
    return this.load(`historyOf:${first}`, id, (ids) => this.store.historyOf(ids, first), []);
  }
  relatedOf(id: string, first: number) {
    return this.load(`relatedOf:${first}`, id, (ids) => this.store.relatedOf(ids, first), []);
  }
  publicationsOf(id: string, first: number, options: AnchorOptions = {}) {
    return this.load(`publicationsOf:${first}:${!!options.includeMentions}`, id, (ids) => this.store.publicationsOf(ids, first, options), { items: [], totalCount: 0 });
  }
  themeCountsOf(id: string, options: AnchorOptions = {}) {
    return this.load(`themeCountsOf:${!!options.includeMentions}`, id, (ids) => this.store.themeCountsOf(ids, options), []);
  }
  trendOf(id: string, options: AnchorOptions = {}) {
    return this.load(`trendOf:${!!options.includeMentions}`, id, (ids) => this.store.trendOf(ids, options), []);
  }
  coauthorsOf(id: string, first: number) {
    return this.load(`coauthorsOf:${first}`, id, (ids) => this.store.coauthorsOf(ids, first), []);
  }
  countryCountsOf(id: string, options: AnchorOptions = {}) {
    return this.load(`countryCountsOf:${!!options.includeMentions}`, id, (ids) => this.store.countryCountsOf(ids, options), []);
  }
  regionCountsOf(id: string) {
    return this.load('regionCountsOf', id, (ids) => this.store.regionCountsOf(ids), []);
  }
  regionChainOf(id: string) {
    return this.load('regionChainOf', id, (ids) => this.store.regionChainOf(ids), []);
  }
  parentsOf(id: string) {
    return this.load('parentsOf', id, (ids) => this.store.parentsOf(ids), []);
  }
  childrenOf(id: string) {
    return this.load('childrenOf', id, (ids) => this.store.childrenOf(ids), []);
  }
  countriesOf(id: string, recursive: boolean) {
    return this.load(`countriesOf:${recursive}`, id, (ids) => this.store.countriesOf(ids, recursive), []);
  }
  broaderOf(id: string) {
    return this.load('broaderOf', id, (ids) => this.store.broaderOf(ids), []);
  }
  narrowerOf(id: string) {
    return this.load('narrowerOf', id, (ids) => this.store.narrowerOf(ids), []);
  }
  relatedThemesOf(id: string, first: number) {
    return this.load(`relatedThemesOf:${first}`, id, (ids) => this.store.relatedThemesOf(ids, first), []);
  }

  /**
   * Primes the loaders with what a publication page read in its own round trip
   * (GraphStore.findPublications with `include`), so the fields that ask for it next are
   * answered without another.
   */
  primePublications(related: NonNullable<PublicationPage['related']>): void {
    if (related.authors) this.prime('authorsOf', related.authors, (ids) => this.store.authorsOf(ids), []);
    if (related.covers) this.prime('placesOf:COVERS', related.covers, (ids) => this.store.placesOf(ids, 'COVERS'), []);
    if (related.mentions) this.prime('placesOf:MENTIONS', related.mentions, (ids) => this.store.placesOf(ids, 'MENTIONS'), []);
    if (related.themes) this.prime('themesOf', related.themes, (ids) => this.store.themesOf(ids), []);
  }

  private prime<V>(question: string, answers: ByKey<V>, batch: Batch<V>, empty: V): void {
    const loader = this.loaderFor(question, batch, empty);
    for (const [id, value] of answers) loader.prime(id, value);
  }

  private load<V>(question: string, id: string, batch: Batch<V>, empty: V): Promise<V> {
    return this.loaderFor(question, batch, empty).load(id);
  }

  private loaderFor<V>(question: string, batch: Batch<V>, empty: V): DataLoader<string, V> {
    let loader = this.byQuestion.get(question) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(async (ids) => {
        const answers = await batch(ids);
        return ids.map((key) => answers.get(key) ?? empty);
      }, { maxBatchSize: 1000 });
      this.byQuestion.set(question, loader as DataLoader<string, unknown>);
    }
    return loader;
  }
}
