import { UNDETERMINED_LANGUAGE } from '../../domain/language.codes';
import type { GraphNode, NodeType } from '../../domain/node.types';

type Props = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Returns the domain node for a label and its stored properties (internal properties dropped). */
export function toGraphNode(type: NodeType, p: Props): GraphNode {
  switch (type) {
    case 'Publication':
      return {
        type, id: str(p.id), title: str(p.title), abstract: str(p.abstract),
        year: typeof p.year === 'number' ? p.year : null,
        scope: (strOrNull(p.scope) ?? 'GLOBAL') as 'GLOBAL', sourceCategory: strOrNull(p.sourceCategory),
        // Publications imported before languages existed have none until an import rewrites them.
        language: strOrNull(p.language) ?? UNDETERMINED_LANGUAGE,
        // Publications imported before versions existed have none: they are at their first.
        version: typeof p.version === 'number' ? p.version : 1,
      };
    case 'Author':
      return Array.isArray(p.aliases) && p.aliases.length > 0
        ? { type, id: str(p.id), name: str(p.name), aliases: p.aliases.filter((a): a is string => typeof a === 'string') }
        : { type, id: str(p.id), name: str(p.name) };
    case 'Country':
      return { type, id: str(p.id), iso2: str(p.iso2), iso3: str(p.iso3), m49: strOrNull(p.m49), name: str(p.name) };
    case 'Region':
      return { type, id: str(p.id), name: str(p.name), m49: strOrNull(p.m49), level: (strOrNull(p.level) ?? 'CUSTOM') as 'CUSTOM' };
    case 'Theme':
      return { type, id: str(p.id), slug: str(p.slug), name: str(p.name), description: str(p.description) };
  }
}
