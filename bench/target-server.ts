import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j, { Driver } from 'neo4j-driver';
import { CYPHER } from './operations';
import { NEO4J_GRAPHQL_TYPEDEFS } from './neo4j-graphql.typedefs';

/**
 * A comparison target, run as its own process so that its resident memory can be read:
 *   node dist/bench/target-server.js neo4j-graphql|cypher PORT
 * `neo4j-graphql`: @neo4j/graphql 7 behind Apollo Server, POST /graphql (served like this server).
 * `cypher`: POST / with {op, params}: runs the operation's one hand-written statement in a read
 * transaction and answers {rows}.
 * Prints "READY <url>" once listening. Connects to NEO4J_URI (NEO4J_USER/NEO4J_PASSWORD if set).
 */
async function main(): Promise<void> {
  const [kind, portArg] = process.argv.slice(2);
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('NEO4J_URI is not set');
  const auth = process.env.NEO4J_USER ? neo4j.auth.basic(process.env.NEO4J_USER, process.env.NEO4J_PASSWORD ?? '') : undefined;
  const driver = neo4j.driver(uri, auth, { disableLosslessIntegers: true });
  await driver.verifyConnectivity();
  const handler = kind === 'neo4j-graphql' ? await neo4jGraphqlHandler(driver) : kind === 'cypher' ? cypherHandler(driver) : null;
  if (!handler) throw new Error(`unknown target "${kind}" (neo4j-graphql or cypher)`);
  const server = createServer((req, res) => {
    handler(req, res).catch((err: Error) => send(res, 500, { errors: [{ message: err.message }] }));
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(portArg ?? 0), '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`READY http://127.0.0.1:${port}${kind === 'neo4j-graphql' ? '/graphql' : '/'}\n`);
  });
  const stop = () => server.close(() => void driver.close().then(() => process.exit(0)));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

async function neo4jGraphqlHandler(driver: Driver): Promise<Handler> {
  const schema = await new Neo4jGraphQL({ typeDefs: NEO4J_GRAPHQL_TYPEDEFS, driver }).getSchema();
  const apollo = new ApolloServer({ schema, csrfPrevention: false, plugins: [ApolloServerPluginLandingPageDisabled()] });
  await apollo.start();
  return async (req, res) => {
    const body = await readBody(req);
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: '', body: body ? JSON.parse(body) : undefined },
      context: async () => ({}),
    });
    res.statusCode = result.status ?? 200;
    for (const [k, v] of result.headers) res.setHeader(k, v);
    if (result.body.kind !== 'complete') throw new Error('incremental delivery is not used');
    res.end(result.body.string);
  };
}

function cypherHandler(driver: Driver): Handler {
  return async (req, res) => {
    const { op, params } = JSON.parse(await readBody(req)) as { op: string; params: Record<string, unknown> };
    const statement = CYPHER[op];
    if (!statement) return send(res, 400, { error: `unknown op ${op}` });
    const result = await driver.executeQuery(statement, params, { routing: neo4j.routing.READ });
    send(res, 200, { rows: result.records.map((r) => r.toObject()) });
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

main().catch((err: Error) => {
  process.stderr.write(`target-server: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
