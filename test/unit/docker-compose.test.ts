import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// These machines cannot run Docker, so the file's shape is checked instead of running it.
const compose = parse(readFileSync(join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8'));

describe('docker-compose.yml', () => {
  it('runs Neo4j 5.26 community with a healthcheck, its ports and a named volume', () => {
    const neo4j = compose.services.neo4j;
    expect(neo4j.image).toBe('neo4j:5.26-community');
    expect(neo4j.ports).toEqual(expect.arrayContaining(['7687:7687']));
    expect(neo4j.healthcheck.test.join(' ')).toMatch(/cypher-shell .*RETURN 1/);
    expect(neo4j.volumes).toEqual(['neo4j-data:/data']);
    expect(Object.keys(compose.volumes)).toEqual(['neo4j-data']);
    expect(neo4j.environment.NEO4J_AUTH).toMatch(/^neo4j\//);
  });

  it('builds the app from the Dockerfile and wires it to Neo4j through NEO4J_URI', () => {
    const app = compose.services.app;
    expect(app.build).toBe('.');
    expect(app.environment.NEO4J_URI).toBe('bolt://neo4j:7687');
    expect(app.environment.NEO4J_PASSWORD).toBe(compose.services.neo4j.environment.NEO4J_AUTH.replace('neo4j/', ''));
    expect(app.ports).toEqual(['4000:4000']);
    expect(app.depends_on.neo4j.condition).toBe('service_healthy');
    expect(app.command).toEqual(['node', 'dist/src/cli/kg.js', 'serve', '--store', 'neo4j']);
  });

  it('imports the bundled sample once, before the app starts', () => {
    const seed = compose.services.seed;
    expect(seed.command.join(' ')).toMatch(/kg\.js db migrate && .*kg\.js import data\/sample\/child-trafficking\.txt/);
    expect(seed.restart).toBe('no');
    expect(compose.services.app.depends_on.seed.condition).toBe('service_completed_successfully');
  });

  it('has a Dockerfile that builds and serves the compiled CLI', () => {
    const dockerfile = readFileSync(join(__dirname, '..', '..', 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toMatch(/RUN npm ci/);
    expect(dockerfile).toMatch(/npm run build/);
    expect(dockerfile).toMatch(/CMD \["node", "dist\/src\/cli\/kg\.js", "serve"\]/);
  });
});
