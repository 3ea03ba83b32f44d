import type { NodeType } from '../../domain/node.types';
import { ConfigurationError } from '../../domain/errors';
import { CypherLoader, cypherDir, fillSlot } from './cypher-loader';
import type { QueryName } from './queries';

/**
 * The parts an anchor statement is composed from, each `cypher/anchor/<name>.cypher`: the rows
 * `anchor, p` (each of the anchor's publications once) for one kind of anchor.
 */
export const ANCHOR_PART_NAMES = ['theme', 'country', 'country-mentions', 'region', 'author'] as const;
export type AnchorPartName = (typeof ANCHOR_PART_NAMES)[number];

/** The kinds of id an anchor may be; other ids anchor nothing. */
export const ANCHOR_KINDS: readonly NodeType[] = ['Theme', 'Country', 'Region', 'Author'];

/** The statements read from anchors: each holds one `// anchor:begin` … `// anchor:end` slot. */
export const ANCHORED_QUERIES: ReadonlySet<QueryName> = new Set<QueryName>(['publications-of', 'theme-counts-of', 'trend-of']);

/**
 * Returns the part that finds an anchor kind's publications. Only a region's walk, or a country
 * with its mentions, can reach a publication twice, so only those parts pay for a DISTINCT.
 */
export function anchorPart(kind: NodeType, includeMentions: boolean): AnchorPartName {
  switch (kind) {
    case 'Theme': return 'theme';
    case 'Country': return includeMentions ? 'country-mentions' : 'country';
    case 'Region': return 'region';
    case 'Author': return 'author';
    default: throw new ConfigurationError(`${kind} ids anchor no publications`);
  }
}

/**
 * Fills the anchor slot of a statement with the parts of the anchor kinds a call asks for. Each
 * part keeps only its own kind's anchors, so a call's anchors of several kinds still take one
 * statement (a UNION of their parts); the usual call, with one kind, gets that part alone: one
 * id-index seek and one expansion per anchor, no UNION and no DISTINCT where none is needed (a
 * UNION of every kind's branch made a country's theme counts take about 1.7 times as long). One
 * statement text per (statement, set of parts): a bounded number of query plans.
 */
export class AnchorComposer {
  private readonly composed = new Map<string, string>();

  constructor(private readonly parts: CypherLoader<AnchorPartName> = new CypherLoader(`${cypherDir()}/anchor`, ANCHOR_PART_NAMES)) {}

  compose(name: QueryName, statement: string, parts: readonly AnchorPartName[]): string {
    const chosen = ANCHOR_PART_NAMES.filter((part) => parts.includes(part));
    const key = `${name}|${chosen.join(',')}`;
    let text = this.composed.get(key);
    if (text === undefined) {
      if (chosen.length === 0) throw new ConfigurationError(`no anchor part given for "${name}"`);
      text = fillSlot(name, statement, 'anchor', chosen.length === 1 ? this.parts.get(chosen[0]) : this.union(chosen));
      this.composed.set(key, text);
    }
    return text;
  }

  /** Returns the parts as the branches of one subquery; UNION keeps each publication once per anchor. */
  private union(parts: readonly AnchorPartName[]): string {
    const branches = parts.map((part) => `${this.parts.get(part).trimEnd()}\nRETURN p`.split('\n').map((line) => `  ${line}`).join('\n'));
    return `CALL (anchor) {\n${branches.join('\n  UNION\n')}\n}`;
  }
}
