import { ApolloServer } from '@apollo/server';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import type { Identity, Role } from '../../src/domain/identity.types';
import type { RequestContext } from '../../src/graphql/context';
import { accessPlugin } from '../../src/server/access/access.plugin';

/** A schema with one public query, a mutation with no role (so: curator) and one for admins. */
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { hello: { type: GraphQLString, resolve: () => 'hi' } } }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: {
      tag: { type: GraphQLString, resolve: () => 'tagged' },
      changeTaxonomy: { type: GraphQLString, extensions: { role: 'admin' }, resolve: () => 'changed' },
    },
  }),
});

const identity = (role: Role | null): Identity => role
  ? { kind: 'api-key', name: `${role}-key`, budgetKey: `key:${role}`, roles: [role], role }
  : { kind: 'anonymous', name: 'anonymous', budgetKey: 'ip:127.0.0.1', roles: [], role: null };

describe('the access plugin (operation roles, before anything runs)', () => {
  const apollo = new ApolloServer<RequestContext>({ schema, plugins: [accessPlugin(() => 'create a key')] });
  beforeAll(() => apollo.start());
  afterAll(() => apollo.stop());

  async function run(query: string, role: Role | null) {
    const res = await apollo.executeOperation({ query }, { contextValue: { client: { identity: identity(role), costOnly: false } } as unknown as RequestContext });
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    return { status: res.http.status, result: res.body.singleResult, headers: res.http.headers };
  }

  it('a mutation field that names no role needs curator', async () => {
    expect((await run('mutation { tag }', 'curator')).result.data).toEqual({ tag: 'tagged' });
    const reader = await run('mutation { tag }', 'reader');
    expect(reader.status).toBe(403);
    expect(reader.result.data).toBeUndefined();
    expect(reader.result.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', needed: 'curator', field: 'tag' });
  });

  it('a field\'s role extension raises it, through fragments and aliases too', async () => {
    const hidden = 'mutation { ok: tag ...F } fragment F on Mutation { ... on Mutation { renamed: changeTaxonomy } }';
    const curator = await run(hidden, 'curator');
    expect(curator.status).toBe(403);
    expect(curator.result.errors![0]!.extensions).toMatchObject({ needed: 'admin', field: 'changeTaxonomy' });
    expect((await run(hidden, 'admin')).result.data).toEqual({ ok: 'tagged', renamed: 'changed' });
  });

  it('an anonymous caller gets 401 with the Bearer challenge and the hint; queries stay public', async () => {
    const anonymous = await run('mutation { tag }', null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="kg"');
    expect(anonymous.result.errors![0]!.message).toMatch(/needs the curator role: mutation field tag; create a key/);
    expect((await run('{ hello }', null)).result.data).toEqual({ hello: 'hi' });
  });
});
