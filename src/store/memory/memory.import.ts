import { summariseImport } from '../import-summary';
import { IMPORT_ACTOR } from '../../domain/curation.types';
import { ConflictError, IdTakenError } from '../../domain/errors';
import type { ImportSummary, PublicationRecord, ReferenceData } from '../../domain/import.types';
import { UNDETERMINED_LANGUAGE } from '../../domain/language.codes';
import type { Author, Country, GraphNode, NodeType, Publication, Region, Theme } from '../../domain/node.types';
import type { RelationshipKind } from '../../domain/query.types';
import { recordHash } from '../record-hash';
import { withAuthorAliases } from '../author-aliases';
import type { ImportOptions } from '../store';
import type { ChangeDraft } from './memory.changes';
import { versionOf } from './memory.curation';
import { CURATED_FIELDS, type CurationState, type DecidedPair } from './memory.decisions';
import type { EdgeAttributes, KnowledgeGraph } from './memory.graph';

/** Records per batch, as the Neo4j writer batches them (progress is reported per batch). */
const BATCH = 2_000;
/** The links of a publication that an import rewrites. */
const PUBLICATION_LINKS: ReadonlySet<RelationshipKind> = new Set(['AUTHORED_BY', 'COVERS', 'MENTIONS', 'ABOUT']);

/** The attributes of relationships that carry nothing but their type, one frozen object per type, shared by every such edge. */
const BARE: Readonly<Partial<Record<RelationshipKind, EdgeAttributes>>> = Object.fromEntries(
  (['COVERS', 'MENTIONS', 'IN_REGION', 'PART_OF', 'BROADER'] as const).map((type) => [type, Object.freeze({ type })]),
);
/** AUTHORED_BY attributes by position, shared the same way (edge attributes are never changed in place, only replaced). */
const AUTHORED_AT: EdgeAttributes[] = [];

function authoredAt(position: number): EdgeAttributes {
  return (AUTHORED_AT[position] ??= Object.freeze({ type: 'AUTHORED_BY', position }));
}

function bare(type: RelationshipKind): EdgeAttributes {
  return BARE[type] ?? { type };
}

/** Returns a function that gives one copy of each equal string: the many repeats of evidence terms, categories and codes then share it. */
function interner(): (value: string) => string {
  const seen = new Map<string, string>();
  return (value) => {
    const kept = seen.get(value);
    if (kept !== undefined) return kept;
    seen.set(value, value);
    return value;
  };
}

/** A relationship the import will create. */
export interface PlannedEdge {
  readonly source: string;
  readonly target: string;
  readonly attributes: EdgeAttributes;
  live: boolean;
}

/** Everything one import changes, computed before anything is changed. */
export interface ImportPlan {
  /** Nodes to create or overwrite, with their final properties. */
  readonly nodes: Map<string, GraphNode>;
  /** Content hashes of the publications written. */
  readonly hashes: Map<string, string>;
  /** Keys of existing relationships to delete. */
  readonly dropEdges: Set<string>;
  /** Relationships to create (those no longer `live` were cleared again by a later batch). */
  readonly addEdges: PlannedEdge[];
  /** Authors left without publications, to delete. */
  readonly dropNodes: Set<string>;
  /** Decided pairs of the publications written, with the tagger's new judgement: per publication, by theme id. */
  readonly pairs: Map<string, Map<string, DecidedPair>>;
  /** The IMPORT_CREATE and IMPORT_UPDATE (or CREATE_PUBLICATION) records, in the order of the records. */
  readonly changes: ChangeDraft[];
  /** Deleted publications created again (createOnly): their deletion is lifted. */
  readonly undelete: string[];
}

/**
 * Plans an import exactly as the Neo4j writer runs it, against the graph as it stands plus what
 * the plan already holds: the summary by content hash, the reference data upserted (links merged),
 * and per batch of changed records the old links cleared, the publications and new authors
 * upserted and the links created to nodes that exist (like MATCH, unknown targets are skipped;
 * unlike Neo4j's CREATE, a link listed twice is created once); last, the orphaned authors. Throws (a ConflictError when an id is taken by another kind of node,
 * or whatever `onProgress` throws) before the graph is touched.
 * Curation is respected: a rewritten publication keeps its curated fields and its decided pairs
 * (REJECTED: no link; CONFIRMED: a link, with the tagger's new score and evidence if it has any),
 * and each written publication gets its change record, all `at` the import's start, by `options.actor`.
 * Records of deleted publications are left out (`withheld`); with `createOnly`, a stored id throws
 * IdTakenError instead, and a deleted one is created again.
 */
export function planImport(
  graph: KnowledgeGraph, storedHash: (id: string) => string | undefined, given: readonly PublicationRecord[],
  reference: ReferenceData, options: ImportOptions, curation: CurationState, at: string,
): { summary: ImportSummary; plan: ImportPlan | null } {
  const createOnly = options.createOnly === true;
  if (createOnly) for (const r of given) if (graph.hasNode(r.id)) throw new IdTakenError(r.id);
  const records = createOnly ? given : given.filter((r) => !curation.deletion(r.id));
  const by = options.actor?.by ?? IMPORT_ACTOR;
  // Hashed as given (the source entry), written with merged authors' ids resolved.
  const hashes = new Map(records.map((r) => [r.id, recordHash(r)]));
  const stored = new Map(records.map((r) => [r.id, storedHash(r.id)]));
  const aliasOf = (id: string) => curation.authorAlias(id);
  const linked = records.map((r) => withAuthorAliases(r, aliasOf));
  const changed = linked.filter((r) => stored.get(r.id) !== hashes.get(r.id));
  const summary = summariseImport(linked, changed, stored, given.length - records.length);

  const plan: ImportPlan = {
    nodes: new Map(), hashes: new Map(), dropEdges: new Set(), addEdges: [], dropNodes: new Set(), pairs: new Map(), changes: [],
    undelete: createOnly ? records.filter((r) => curation.deletion(r.id)).map((r) => r.id) : [],
  };
  const typeOf = (id: string): NodeType | null => plan.nodes.get(id)?.type ?? (graph.hasNode(id) ? graph.getNodeAttributes(id).type : null);
  const upsert = (node: GraphNode): void => {
    const type = typeOf(node.id);
    if (type !== null && type !== node.type) throw new ConflictError(`cannot import ${node.type} ${node.id}: the id is taken by a ${type}`);
    plan.nodes.set(node.id, node);
  };
  const planned = new Map<string, PlannedEdge[]>();
  const authored = new Map<string, PlannedEdge[]>();
  const push = (map: Map<string, PlannedEdge[]>, key: string, edge: PlannedEdge) => {
    const list = map.get(key);
    if (list) list.push(edge);
    else map.set(key, [edge]);
  };
  const link = (source: string, target: string, sourceType: NodeType, targetType: NodeType, attributes: EdgeAttributes): boolean => {
    if (typeOf(source) !== sourceType || typeOf(target) !== targetType) return false;
    const edge: PlannedEdge = { source, target, attributes, live: true };
    plan.addEdges.push(edge);
    push(planned, source, edge);
    if (attributes.type === 'AUTHORED_BY') push(authored, target, edge);
    return true;
  };
  const merge = (source: string, target: string, sourceType: NodeType, targetType: NodeType, type: RelationshipKind): void => {
    const exists = (graph.hasNode(source) && graph.hasNode(target) && graph.outEdges(source, target).some((e) => graph.getEdgeAttribute(e, 'type') === type))
      || (planned.get(source) ?? []).some((e) => e.target === target && e.attributes.type === type);
    if (!exists) link(source, target, sourceType, targetType, bare(type));
  };

  for (const { id, name, m49, level } of reference.regions) upsert({ type: 'Region', id, name, m49, level } satisfies Region);
  for (const { id, iso2, iso3, m49, name } of reference.countries) upsert({ type: 'Country', id, iso2, iso3, m49, name } satisfies Country);
  // A theme an admin defined (upsertTheme) keeps its node and its BROADER link whatever the files say.
  for (const { id, slug, name, description } of reference.themes) if (!curation.definition(id)) upsert({ type: 'Theme', id, slug, name, description } satisfies Theme);
  for (const [child, parent] of reference.regionParents) merge(child, parent, 'Region', 'Region', 'PART_OF');
  for (const [country, region] of reference.countryRegions) merge(country, region, 'Country', 'Region', 'IN_REGION');
  for (const [narrower, broader] of reference.themeBroader) if (!curation.definition(narrower)) merge(narrower, broader, 'Theme', 'Theme', 'BROADER');

  const orphanCandidates = new Set<string>();
  const intern = interner();
  let done = 0;
  for (let i = 0; i < changed.length; i += BATCH) {
    const batch = changed.slice(i, i + BATCH);
    for (const id of new Set(batch.filter((r) => stored.get(r.id)).map((r) => r.id))) {
      summary.relationshipsDeleted += clearLinks(graph, plan, planned, id, orphanCandidates);
    }
    for (const r of batch) {
      const known = plan.nodes.get(r.id) ?? (graph.hasNode(r.id) ? graph.getNodeAttributes(r.id) : undefined);
      const previous = known?.type === 'Publication' ? known : undefined;
      const publication = publicationOf(r, previous, curation, intern);
      upsert(publication);
      plan.hashes.set(r.id, hashes.get(r.id)!);
      plan.changes.push(importChange(previous, publication, at, by, createOnly));
    }
    // The first spelling seen is kept: an existing author keeps its name.
    for (const a of batch.flatMap((r) => r.authors)) if (typeOf(a.id) !== 'Author') upsert({ type: 'Author', id: a.id, name: a.name } satisfies Author);
    for (const r of batch) {
      // A link a record lists twice is one relationship (the first listing wins): a publication
      // covers a place or is about a theme, it does not do so twice.
      const once = firstOnce<string>();
      const count = (ok: boolean) => void (ok && summary.relationshipsWritten++);
      r.authors.forEach((a, position) => once(`A${a.id}`) && count(link(r.id, a.id, 'Publication', 'Author', authoredAt(position))));
      for (const c of r.coversCountries) if (once(`C${c}`)) count(link(r.id, c, 'Publication', 'Country', bare('COVERS')));
      for (const x of r.coversRegions) if (once(`C${x}`)) count(link(r.id, x, 'Publication', 'Region', bare('COVERS')));
      for (const c of r.mentions) if (once(`M${c}`)) count(link(r.id, c, 'Publication', 'Country', bare('MENTIONS')));
      const decided = curation.pairsOf(r.id);
      const judged = new Map<string, DecidedPair>();
      for (const t of r.themes) {
        if (!once(`T${t.id}`)) continue;
        const pair = decided.get(t.id);
        if (pair) judged.set(t.id, { ...pair, tagger: { score: t.score, evidence: [...t.evidence] } });
        if (!pair || pair.decision === 'CONFIRMED') {
          count(link(r.id, t.id, 'Publication', 'Theme', { type: 'ABOUT', score: t.score, evidence: t.evidence.map(intern), by, at, ...(pair && { curator: curatorOf(pair) }) }));
        }
      }
      // Decided pairs the tagger no longer links: a CONFIRMED one keeps its link, as a curator's alone.
      for (const [themeId, pair] of decided) {
        if (judged.has(themeId)) continue;
        judged.set(themeId, { ...pair, tagger: null });
        if (pair.decision === 'CONFIRMED') count(link(r.id, themeId, 'Publication', 'Theme', { type: 'ABOUT', score: 1, evidence: [], by, at, curator: curatorOf(pair) }));
      }
      if (judged.size) plan.pairs.set(r.id, judged);
    }
    done += batch.length;
    options.onProgress?.(done, changed.length);
  }
  for (const author of orphanCandidates) {
    const kept = graph.hasNode(author) && graph.inEdges(author).some((e) => !plan.dropEdges.has(e));
    if (!kept && !(authored.get(author) ?? []).some((e) => e.live)) plan.dropNodes.add(author);
  }
  // A dry run plans everything, so its summary counts the links the import would write and remove.
  return { summary, plan: options.dryRun ? null : plan };
}

/** Returns the publication an import writes for a record: the curated fields keep the stored value, the version counts the rewrite. */
function publicationOf(r: PublicationRecord, previous: Publication | undefined, curation: CurationState, intern: (value: string) => string): Publication {
  const curated = previous ? curation.curatedOf(r.id) : new Set<string>();
  return {
    type: 'Publication', id: r.id,
    title: curated.has('title') ? previous!.title : r.title,
    abstract: curated.has('abstract') ? previous!.abstract : r.abstract,
    year: curated.has('year') ? previous!.year : r.year,
    scope: intern(r.scope) as Publication['scope'], sourceCategory: r.sourceCategory === null ? null : intern(r.sourceCategory),
    // A journal written before languages were replays records without one.
    language: intern(r.language ?? UNDETERMINED_LANGUAGE),
    version: previous ? versionOf(previous) + 1 : 1,
  };
}

/**
 * Returns the change record of a publication an import writes: IMPORT_CREATE (CREATE_PUBLICATION
 * for createPublication), or IMPORT_UPDATE with the fields whose stored value changed.
 */
function importChange(previous: Publication | undefined, publication: Publication, at: string, by: string, createOnly: boolean): ChangeDraft {
  const ids = [publication.id];
  if (!previous) return { at, by, operation: createOnly ? 'CREATE_PUBLICATION' : 'IMPORT_CREATE', ids, before: null, after: { title: publication.title, year: publication.year } };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const field of CURATED_FIELDS) {
    if (previous[field] === publication[field]) continue;
    before[field] = previous[field];
    after[field] = publication[field];
  }
  return { at, by, operation: 'IMPORT_UPDATE', ids, before, after };
}

/** Returns the curator's mark a CONFIRMED pair's link carries. */
function curatorOf(pair: DecidedPair): EdgeAttributes['curator'] {
  return { by: pair.by, at: pair.at, note: pair.note };
}

/** Returns a test that is true the first time it sees a value. */
function firstOnce<T>(): (value: T) => boolean {
  const seen = new Set<T>();
  return (value) => !seen.has(value) && !!seen.add(value);
}

/** Plans deleting a publication's links (stored and planned); returns how many, and notes the authors they pointed to. */
function clearLinks(graph: KnowledgeGraph, plan: ImportPlan, planned: Map<string, PlannedEdge[]>, id: string, authors: Set<string>): number {
  let deleted = 0;
  if (graph.hasNode(id)) {
    graph.forEachOutEdge(id, (edge, attributes, _source, target) => {
      if (!PUBLICATION_LINKS.has(attributes.type) || plan.dropEdges.has(edge)) return;
      plan.dropEdges.add(edge);
      deleted++;
      if (attributes.type === 'AUTHORED_BY') authors.add(target);
    });
  }
  for (const edge of planned.get(id) ?? []) {
    if (!edge.live || !PUBLICATION_LINKS.has(edge.attributes.type)) continue;
    edge.live = false;
    deleted++;
    if (edge.attributes.type === 'AUTHORED_BY') authors.add(edge.target);
  }
  return deleted;
}

