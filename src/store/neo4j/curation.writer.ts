import type { ClearThemeInput, CurationResult, DeletePublicationInput, DeletionResult, MergeAuthorsInput, MergeResult, PublicationEdit, RetagInput, RetagResult, ThemeDefinition, ThemeWriteResult, UpsertThemeInput, SetThemeInput, UpdatePublicationInput } from '../../domain/curation.types';
import { BadInputError, NotFoundError, VersionConflictError } from '../../domain/errors';
import type { Author, Publication, Theme } from '../../domain/node.types';
import { planRetag, retagChange, type PairState as RetagPair } from '../retag-plan';
import { mergedAliases } from '../merged-aliases';
import { searchKey } from '../fold';
import type { ChangeDraft, ChangeFeed } from './change-feed';
import type { Neo4jRunner, WriteTx } from './neo4j.runner';
import { toGraphNode } from './node.mapper';
import type { QueryName } from './queries';

type Statement = (name: QueryName) => string;
type Props = Record<string, unknown>;

/** Publications' texts per page a retag reads. */
const TEXT_PAGE = 5_000;

/** The fields a curator may edit, in the order change records list them. */
const EDITABLE = ['title', 'abstract', 'year'] as const satisfies readonly (keyof PublicationEdit)[];

/** The score and evidence the last import gave a pair, as a link or as a decision keeps them. */
interface Judgement {
  readonly score: number;
  readonly evidence: readonly string[];
}

/** A pair as lock-publication-theme reads it, after both locks are taken. */
interface PairState {
  readonly publication: Publication;
  readonly decision: { decision: string; taggerScore: number | null; taggerEvidence: string[] | null } | null;
  readonly link: Judgement | null;
}

/**
 * The curation writes of the Neo4j adapter. Each is one managed write transaction: a first
 * statement takes the write locks (theme, then publication, as imports take them) and reads what
 * the write depends on, the checks run on that (NotFoundError, VersionConflictError: thrown inside
 * the transaction, which rolls back having written nothing), then the write, its change record
 * and the pruning are sent together (pipelined, run in order).
 */
export class CurationWriter {
  constructor(private readonly runner: Neo4jRunner, private readonly q: Statement, private readonly feed: ChangeFeed) {}

  /** See GraphStore.setPublicationTheme. */
  setPublicationTheme(input: SetThemeInput): Promise<CurationResult> {
    const { publicationId, themeId, decision, by, at } = input;
    const note = input.note ?? null;
    return this.runner.write(async (tx) => {
      const state = await this.lockPair(tx, publicationId, themeId);
      const tagger = state.decision ? decidedJudgement(state.decision) : state.link;
      const link = decision === 'CONFIRMED' ? { score: tagger?.score ?? 1, evidence: [...(tagger?.evidence ?? [])] } : null;
      return this.writePair(tx, publicationId, themeId, {
        decision: { decision, by, at, note, taggerScore: tagger?.score ?? null, taggerEvidence: tagger ? [...tagger.evidence] : null },
        link,
      }, {
        at, by, operation: 'SET_THEME', ids: [publicationId, themeId],
        before: { decision: state.decision?.decision ?? null, about: state.link !== null },
        after: { decision, about: link !== null, note },
      });
    });
  }

  /** See GraphStore.clearPublicationTheme. */
  clearPublicationTheme(input: ClearThemeInput): Promise<CurationResult> {
    const { publicationId, themeId, by, at } = input;
    return this.runner.write(async (tx) => {
      const state = await this.lockPair(tx, publicationId, themeId);
      if (!state.decision) return { publication: state.publication, change: null };
      const tagger = decidedJudgement(state.decision);
      const link = tagger && { score: tagger.score, evidence: [...tagger.evidence] };
      return this.writePair(tx, publicationId, themeId, { decision: null, link }, {
        at, by, operation: 'CLEAR_THEME', ids: [publicationId, themeId],
        before: { decision: state.decision.decision, about: state.link !== null },
        after: { decision: null, about: link !== null },
      });
    });
  }

  /** See GraphStore.updatePublication. */
  updatePublication(input: UpdatePublicationInput): Promise<CurationResult> {
    const { id, edit, expectedVersion, by, at } = input;
    return this.runner.write(async (tx) => {
      const [row] = await tx.run(this.q('lock-publication'), { id });
      if (!row) throw new NotFoundError('id', `no publication has the id "${id}"`);
      const current = asPublication(row.props);
      if (current.version !== expectedVersion) throw new VersionConflictError(id, expectedVersion, current.version);
      const changed = EDITABLE.filter((field) => edit[field] !== undefined && edit[field] !== current[field]);
      if (changed.length === 0) return { publication: current, change: null };
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const field of changed) {
        before[field] = current[field];
        after[field] = edit[field];
      }
      const set: Record<string, unknown> = { ...after };
      if (typeof after.title === 'string') set.searchKey = searchKey(after.title);
      const curated = [...new Set([...stringList((row.props as Props).curated), ...changed])];
      const written = tx.run(this.q('update-publication'), { id, set, curated });
      const change = this.feed.append(tx, [{ at, by, operation: 'UPDATE_PUBLICATION', ids: [id], before, after }]);
      const [[updated], [record]] = await Promise.all([written, change]);
      return { publication: asPublication(updated.props), change: record };
    });
  }

  /** See GraphStore.deletePublication. */
  deletePublication(input: DeletePublicationInput): Promise<DeletionResult> {
    const { id, expectedVersion, by, at } = input;
    return this.runner.write(async (tx) => {
      const [row] = await tx.run(this.q('lock-publication'), { id });
      if (!row) throw new NotFoundError('id', `no publication has the id "${id}"`);
      const current = asPublication(row.props);
      if (current.version !== expectedVersion) throw new VersionConflictError(id, expectedVersion, current.version);
      const deleted = tx.run(this.q('delete-publication'), { id, by, at });
      const change = this.feed.append(tx, [{ at, by, operation: 'DELETE_PUBLICATION', ids: [id], before: { title: current.title, year: current.year }, after: null }]);
      const [, [record]] = await Promise.all([deleted, change]);
      return { publication: current, change: record };
    });
  }

  /** See GraphStore.mergeAuthors. */
  mergeAuthors(input: MergeAuthorsInput): Promise<MergeResult> {
    const { into, by, at } = input;
    const from = [...new Set(input.from)];
    if (from.length === 0) return Promise.reject(new BadInputError('from', 'must name at least one author to merge'));
    if (from.includes(into)) return Promise.reject(new BadInputError('from', `holds "${into}", the author the others are merged into`));
    return this.runner.write(async (tx) => {
      const rows = await tx.run(this.q('lock-authors'), { ids: [into, ...from] });
      const found = new Map(rows.map((r) => [r.id as string, { type: 'Author', id: r.id as string, name: r.name as string, aliases: stringList(r.aliases) } as Author]));
      const target = found.get(into);
      if (!target) throw new NotFoundError('into', `no author has the id "${into}"`);
      const missing = from.find((id) => !found.has(id));
      if (missing) throw new NotFoundError('from', `no author has the id "${missing}"`);
      const sources = from.map((id) => found.get(id)!);
      const aliases = mergedAliases(target, sources);
      const [row] = await tx.run(this.q('merge-authors'), { into, from, aliases });
      const publications = stringList(row?.publications).sort();
      const [change] = await this.feed.append(tx, [{
        at, by, operation: 'MERGE_AUTHORS', ids: [into, ...from, ...publications],
        before: { authors: [target, ...sources].map((a) => ({ id: a.id, name: a.name, aliases: [...(a.aliases ?? [])] })) },
        after: { id: into, name: target.name, aliases },
      }]);
      const author: Author = aliases.length ? { type: 'Author', id: into, name: target.name, aliases } : { type: 'Author', id: into, name: target.name };
      return { author, publications, change: change! };
    });
  }

  /** See GraphStore.themeDefinitions. */
  async themeDefinitions(): Promise<ThemeDefinition[]> {
    const rows = await this.runner.read(this.q('theme-definitions'), {});
    return rows.map((r) => ({
      id: r.id as string, slug: r.slug as string, name: r.name as string, description: r.description as string,
      broader: (r.broader as string | null) ?? null, terms: stringList(r.terms), exactTerms: stringList(r.exactTerms),
    }));
  }

  /** See GraphStore.upsertTheme. */
  upsertTheme(input: UpsertThemeInput): Promise<ThemeWriteResult> {
    const { definition, by, at } = input;
    return this.runner.write(async (tx) => {
      const [row] = await tx.run(this.q('lock-theme'), { id: definition.id, broader: definition.broader });
      if (definition.broader !== null && !row?.broaderFound) throw new NotFoundError('input.broader', `no theme has the id "${definition.broader}"`);
      const stored = row?.theme as Record<string, unknown> | null;
      const before = stored ? {
        slug: stored.slug, name: stored.name, description: stored.description, broader: (row!.broaderNow as string | null) ?? null,
        ...(stored.definedBy ? { terms: stringList(stored.terms), exactTerms: stringList(stored.exactTerms) } : {}),
      } : null;
      const { id: _id, ...after } = { ...definition, terms: [...definition.terms], exactTerms: [...definition.exactTerms] };
      const theme: Theme = { type: 'Theme', id: definition.id, slug: definition.slug, name: definition.name, description: definition.description };
      if (before && JSON.stringify(before) === JSON.stringify(after)) return { theme, created: false, change: null };
      const written = tx.run(this.q('upsert-theme'), {
        theme: { id: definition.id, slug: definition.slug, name: definition.name, description: definition.description, searchKey: searchKey(definition.name), terms: after.terms, exactTerms: after.exactTerms },
        broader: definition.broader, by, at,
      });
      const change = this.feed.append(tx, [{ at, by, operation: 'UPSERT_THEME', ids: [definition.id, ...(definition.broader ? [definition.broader] : [])], before, after }]);
      const [, [record]] = await Promise.all([written, change]);
      return { theme, created: stored === null, change: record! };
    });
  }

  /** See GraphStore.retag: the tagger runs here, over pages of every publication's text read in the transaction. */
  retag(input: RetagInput): Promise<RetagResult> {
    const themes = [...new Set(input.themes)];
    const wanted = new Set(themes);
    return this.runner.write(async (tx) => {
      const found = new Set((await tx.run(this.q('lock-themes'), { ids: themes })).map((r) => r.id as string));
      const missing = themes.find((t) => !found.has(t));
      if (missing) throw new NotFoundError('themes', `no theme has the id "${missing}"`);
      const pairs = new Map<string, { -readonly [K in keyof RetagPair]: RetagPair[K] }>();
      const key = (p: string, t: string) => `${p}\u0000${t}`;
      for (const r of await tx.run(this.q('theme-pairs'), { themes })) {
        const link = r.link as { score: number | null; evidence: string[] | null } | null;
        pairs.set(key(r.publicationId as string, r.themeId as string), {
          publicationId: r.publicationId as string, themeId: r.themeId as string, judgement: null,
          link: link && { score: link.score ?? 0, evidence: link.evidence ?? [] },
          decision: (r.decision as RetagPair['decision']) ?? null,
        });
      }
      let checked = 0;
      for (let after = ''; ;) {
        const page = await tx.run(this.q('publication-texts'), { after, limit: TEXT_PAGE });
        for (const p of page) {
          checked++;
          const id = p.id as string;
          for (const l of input.judge({ id, title: p.title as string, abstract: p.abstract as string, sourceCategory: (p.sourceCategory as string | null) ?? null, language: p.language as string })) {
            if (!wanted.has(l.id)) continue;
            const k = key(id, l.id);
            const pair = pairs.get(k) ?? { publicationId: id, themeId: l.id, link: null, decision: null, judgement: null };
            pair.judgement = { score: l.score, evidence: [...l.evidence] };
            pairs.set(k, pair);
          }
        }
        if (page.length < TEXT_PAGE) break;
        after = page[page.length - 1]!.id as string;
      }
      const plan = planRetag([...pairs.values()]);
      if (plan.writes.length) {
        await tx.run(this.q('write-retag'), {
          rows: plan.writes.map((w) => ({
            publicationId: w.publicationId, themeId: w.themeId, changed: w.changed, link: w.link && { score: w.link.score, evidence: [...w.link.evidence] },
            decided: w.decided, taggerScore: w.judgement?.score ?? null, taggerEvidence: w.judgement ? [...w.judgement.evidence] : null,
          })),
          bumped: [...plan.changed.keys()],
          by: input.by, at: input.at,
        });
      }
      const changes = plan.changed.size ? await this.feed.append(tx, [...plan.changed].map(([id, entry]) => retagChange(id, entry, input.by, input.at))) : [];
      return { checked, linked: plan.linked, unlinked: plan.unlinked, kept: plan.kept, changes };
    });
  }

  /** Locks the pair's theme and publication and reads its state; throws NotFoundError (publication first) for an unknown one. */
  private async lockPair(tx: WriteTx, publicationId: string, themeId: string): Promise<PairState> {
    const [row] = await tx.run(this.q('lock-publication-theme'), { publicationId, themeId });
    if (!row?.publicationFound) throw new NotFoundError('publication', `no publication has the id "${publicationId}"`);
    if (!row.themeFound) throw new NotFoundError('theme', `no theme has the id "${themeId}"`);
    const link = row.link as { score: number | null; evidence: string[] | null } | null;
    return {
      publication: asPublication(row.props),
      decision: row.decision as PairState['decision'],
      link: link && { score: link.score ?? 0, evidence: link.evidence ?? [] },
    };
  }

  /** Writes a pair's decision and link, its change record and the pruning, in `tx`; returns the publication and the change. */
  private async writePair(
    tx: WriteTx, publicationId: string, themeId: string,
    params: { decision: Record<string, unknown> | null; link: Judgement | null }, draft: ChangeDraft,
  ): Promise<CurationResult> {
    const written = tx.run(this.q('write-publication-theme'), { publicationId, themeId, ...params, by: draft.by, at: draft.at });
    const change = this.feed.append(tx, [draft]);
    const [[row], [record]] = await Promise.all([written, change]);
    return { publication: asPublication(row.props), change: record };
  }
}

/** Returns the tagger's judgement a decision keeps, or null when the tagger does not link the pair. */
function decidedJudgement(decision: NonNullable<PairState['decision']>): Judgement | null {
  return decision.taggerScore === null || decision.taggerScore === undefined
    ? null
    : { score: decision.taggerScore, evidence: decision.taggerEvidence ?? [] };
}

function asPublication(props: unknown): Publication {
  return toGraphNode('Publication', props as Props) as Publication;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
