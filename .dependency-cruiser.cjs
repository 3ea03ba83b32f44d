/**
 * The layering rules of src/ (see ../shared/STYLE.md and the README's "Layout"), checked by
 * `npm run lint:layers`, which CI runs.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-plain',
      comment: 'src/domain holds plain types and errors: no GraphQL, no driver, no other layer.',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { path: ['node_modules/(graphql|type-graphql|neo4j-driver|@apollo|graphql-scalars)/', '^src/(store|graphql|ingest|cli|server)/'] },
    },
    {
      name: 'graphql-uses-the-port-only',
      comment: 'Resolvers talk to the store interface, never to an adapter or the driver.',
      severity: 'error',
      from: { path: '^src/graphql' },
      to: { path: ['node_modules/neo4j-driver/', '^src/store/(neo4j|memory)/'] },
    },
    {
      name: 'ingest-is-storage-free',
      comment: 'Parsing, resolution and tagging are pure; they never reach a database or GraphQL.',
      severity: 'error',
      from: { path: '^src/ingest' },
      to: { path: ['node_modules/(neo4j-driver|graphql|type-graphql|@apollo)/', '^src/(store|graphql|server|cli)/'] },
    },
    {
      name: 'store-is-not-api',
      comment: 'Stores know nothing of GraphQL or HTTP.',
      severity: 'error',
      from: { path: '^src/store' },
      to: { path: ['node_modules/(graphql|type-graphql|@apollo)/', '^src/(graphql|server|cli)/'] },
    },
    {
      name: 'adapters-are-independent',
      comment: 'The memory store must not lean on the Neo4j adapter, nor the reverse.',
      severity: 'error',
      from: { path: '^src/store/memory' },
      to: { path: '^src/store/neo4j' },
    },
    {
      name: 'neo4j-adapter-is-independent',
      severity: 'error',
      from: { path: '^src/store/neo4j' },
      to: { path: '^src/store/memory' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'explorer-client-is-browser-only',
      comment: 'The explorer runs in the browser: it reaches the server through the public API only, and bundles nothing but sigma and graphology.',
      severity: 'error',
      from: { path: '^src/server/explore/client' },
      to: { pathNot: ['^src/server/explore/client/', 'node_modules/(sigma|graphology|graphology-[a-z0-9-]+|events|@sigma/[a-z-]+)/'] },
    },
    {
      name: 'server-never-imports-the-client',
      comment: 'The browser code is bundled at run time (explore.bundle.ts), never imported by the server.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/server/explore/client/' },
      to: { path: '^src/server/explore/client/' },
    },
    {
      name: 'runtime-never-reads-shared',
      comment: 'Users do not have ../shared.',
      severity: 'error',
      from: { path: '^src' },
      to: { path: '^\\.\\./shared' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^dist' },
  },
};
