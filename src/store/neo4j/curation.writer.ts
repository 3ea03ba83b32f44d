import type { ClearThemeInput, CurationResult, PublicationEdit, SetThemeInput, UpdatePublicationInput } from '../../domain/curation.types';
import { NotFoundError, VersionConflictError } from '../../domain/errors';
import type { Publication } from '../../domain/node.types';
import { searchKey } from '../fold';
import type { ChangeDraft, ChangeFeed } from './change-feed';
import type { Neo4jRunner, WriteTx } from './neo4j.runner';
import { toGraphNode } from './node.mapper';
import type { QueryName } from './queries';

type Statement = (name: QueryName) => string;
type Props = Record<string, unknown>;

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
    const written = tx.run(this.q('write-publication-theme'), { publicationId, themeId, ...params });
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
