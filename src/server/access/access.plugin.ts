import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode, type GraphQLObjectType, type SelectionSetNode } from 'graphql';
import { roleAtLeast, type Role } from '../../domain/identity.types';
import type { RequestContext } from '../../graphql/context';
import { roleRefusal } from './access-control';

/** The role a root field needs, set beside the field: `@Extensions({ role: 'admin' })`. */
export interface AccessExtensions {
  readonly role?: Role;
}

/** What a mutation needs when its field names no role. */
const MUTATION_ROLE: Role = 'curator';
/** Root fields examined at most (aliases and fragments included); the limits plugin bounds documents far below. */
const MAX_ROOT_FIELDS = 1_000;

/**
 * The operation's roles, checked once it is parsed and before anything runs or is priced: each
 * root field needs the role its `role` extension names; a mutation field without one needs
 * `curator`. Query fields are public (private mode is enforced before parsing, for every route).
 * A refusal is 401 (anonymous) or 403 (role too low), naming the role and the field.
 */
export function accessPlugin(hint: () => string | null): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, contextValue }) {
          if (!operation) return;
          const root = schema.getRootType(operation.operation);
          if (!root) return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
          const needs = requiredRole(root, operation.selectionSet, fragments, operation.operation === 'mutation');
          if (!needs) return;
          const identity = contextValue.client.identity;
          if (roleAtLeast(identity.role, needs.role)) return;
          const extra = identity.kind === 'anonymous' ? hint() : null;
          const r = roleRefusal(identity, needs.role, `${operation.operation} field ${needs.field}${extra ? `; ${extra}` : ''}`);
          throw new GraphQLError(r.message, {
            extensions: { code: r.code, needed: needs.role, field: needs.field, http: { status: r.status, headers: new HeaderMap(Object.entries(r.headers)) } },
          });
        },
      };
    },
  };
}

/** The strongest role the root fields of a selection need, and the first field that needs it. */
function requiredRole(root: GraphQLObjectType, selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, mutation: boolean): { role: Role; field: string } | null {
  const fields = root.getFields();
  let best: { role: Role; field: string } | null = null;
  let seen = 0;
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (++seen > MAX_ROOT_FIELDS) return;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        const declared = (fields[name]?.extensions as AccessExtensions | undefined)?.role;
        const role = declared ?? (mutation ? MUTATION_ROLE : undefined);
        if (role && (!best || !roleAtLeast(best.role, role))) best = { role, field: name };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !visited.has(name)) {
          visited.add(name);
          walk(fragment.selectionSet);
        }
      }
    }
  };
  walk(selectionSet);
  return best;
}
