import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// These machines cannot run Docker, so the files' shape is checked instead of running them.
const root = join(__dirname, '..', '..');
const read = (file: string): string => readFileSync(join(root, file), 'utf8');
const composeText = read('docker-compose.yml');
const compose = parse(composeText);
const dockerfile = read('Dockerfile');
const services: Record<string, { ports?: string[] }> = compose.services;

/** Every `${…}` compose interpolates (`$${…}` is a literal `$` for the container's shell), with its
 * variable and what follows the name (`:?msg`, `:-default`, …). */
const interpolations = [...composeText.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}/g)].map((m) => ({
  text: m[0],
  name: m[1],
  rest: m[2],
}));

const READY_PROBE = /fetch\('http:\/\/127\.0\.0\.1:4000\/health\/ready'\)\.then\(r => process\.exit\(r\.ok \? 0 : 1\), \(\) => process\.exit\(1\)\)/;

describe('docker-compose.yml', () => {
  it('runs Neo4j 5.26 community with a healthcheck, its ports on 127.0.0.1 and a named volume', () => {
    const neo4j = compose.services.neo4j;
    expect(neo4j.image).toBe('neo4j:5.26-community');
    expect(neo4j.ports).toEqual(['127.0.0.1:7474:7474', '127.0.0.1:7687:7687']);
    expect(neo4j.healthcheck.test.join(' ')).toMatch(/cypher-shell .*RETURN 1/);
    expect(neo4j.volumes).toEqual(['neo4j-data:/data']);
    expect(Object.keys(compose.volumes)).toEqual(['neo4j-data', 'kg-data']);
    expect(neo4j.environment.NEO4J_AUTH).toMatch(/^neo4j\/\$\{NEO4J_PASSWORD:\?/);
  });

  it('publishes every port of every service on 127.0.0.1 only', () => {
    const published = Object.entries(services).flatMap(([name, s]) => (s.ports ?? []).map((p) => `${name} ${p}`));
    expect(published.length).toBeGreaterThan(0);
    for (const entry of published) expect(entry).toMatch(/^\S+ 127\.0\.0\.1:\d+:\d+$/);
    // `network_mode: host` would bypass the bindings.
    for (const s of Object.values(services)) expect(s).not.toHaveProperty('network_mode');
  });

  it('has no default password: NEO4J_PASSWORD is required, with a message that says how to set it', () => {
    const password = interpolations.filter((i) => i.name === 'NEO4J_PASSWORD');
    expect(password).toHaveLength(3); // neo4j's NEO4J_AUTH, seed and app
    for (const { rest } of password) {
      expect(rest).toMatch(/^:\?/); // required (unset or empty stops compose), never `:-default` or `-default`
      expect(rest).toMatch(/\.env\.example/);
      expect(rest).toMatch(/\.env\b/);
      expect(rest).toMatch(/at least 8 characters/);
    }
    expect(new Set(password.map((i) => i.text)).size).toBe(1);
    // No variable anywhere falls back to a committed value.
    for (const { text, rest } of interpolations) expect({ text, fallback: /^:?[-=+]/.test(rest) }).toEqual({ text, fallback: false });
    expect(composeText).not.toMatch(/kg-password/);
  });

  it('reads its variables from a git-ignored .env that .env.example shows how to create', () => {
    expect(existsSync(join(root, '.env.example'))).toBe(true);
    const example = read('.env.example');
    expect(example).toMatch(/^#.*\.env/m); // says what to do with it
    expect(example).toMatch(/8 characters/);
    const defined = new Map(
      example
        .split('\n')
        .filter((line) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
    );
    for (const { name } of interpolations) expect(defined.has(name)).toBe(true);
    // The placeholder is empty, so copying the example unchanged still stops compose (`:?`).
    expect(defined.get('NEO4J_PASSWORD')).toBe('');

    const ignored = read('.gitignore').split('\n').map((line) => line.trim());
    expect(ignored).toContain('.env');
    expect(ignored).toContain('!.env.example');
  });

  it('builds the app from the Dockerfile and wires it to Neo4j through NEO4J_URI', () => {
    const app = compose.services.app;
    expect(app.build).toBe('.');
    expect(app.environment.NEO4J_URI).toBe('bolt://neo4j:7687');
    expect(app.environment.NEO4J_PASSWORD).toBe(compose.services.neo4j.environment.NEO4J_AUTH.replace('neo4j/', ''));
    expect(compose.services.seed.environment.NEO4J_PASSWORD).toBe(app.environment.NEO4J_PASSWORD);
    expect(app.ports).toEqual(['127.0.0.1:4000:4000']);
    expect(app.depends_on.neo4j.condition).toBe('service_healthy');
    expect(app.command).toEqual(['node', 'dist/src/cli/kg.js', 'serve', '--store', 'neo4j']);
  });

  it('makes the app listen on 0.0.0.0 inside its container, and checks readiness on /health/ready', () => {
    const app = compose.services.app;
    expect(app.environment.HOST).toBe('0.0.0.0');
    expect(app.environment.PORT).toBe('4000');
    expect(app.healthcheck.test.join(' ')).toMatch(READY_PROBE);
  });

  it('imports the bundled sample once, before the app starts', () => {
    const seed = compose.services.seed;
    expect(seed.command.join(' ')).toMatch(/kg\.js db migrate && .*kg\.js import data\/sample\/child-trafficking\.txt/);
    expect(seed.restart).toBe('no');
    expect(seed.healthcheck).toEqual({ disable: true });
    expect(compose.services.app.depends_on.seed.condition).toBe('service_completed_successfully');
  });
});

describe('Dockerfile', () => {
  it('builds on a supported Node LTS and serves the compiled CLI', () => {
    const major = Number(/^FROM node:(\d+)-/m.exec(dockerfile)?.[1]);
    expect([22, 24]).toContain(major);
    expect(JSON.parse(read('package.json')).engines.node).toMatch(new RegExp(`(\\^|>=)${major}\\.`));
    expect(dockerfile).toMatch(/RUN npm ci/);
    expect(dockerfile).toMatch(/npm run build/);
    expect(dockerfile).toMatch(/^ENV HOST=0\.0\.0\.0$/m);
    expect(dockerfile).toMatch(/CMD \["node", "dist\/src\/cli\/kg\.js", "serve"\]/);
  });

  it('has a healthcheck on /health/ready', () => {
    const lines = dockerfile.replace(/\\\n\s*/g, ' ').split('\n'); // joins `\` continuations
    const healthcheck = lines.filter((line) => line.startsWith('HEALTHCHECK '));
    expect(healthcheck).toHaveLength(1);
    expect(healthcheck[0]).toMatch(/ CMD \[/);
    expect(healthcheck[0]).toMatch(READY_PROBE);
  });
});
