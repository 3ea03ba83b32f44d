import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** The repository root: the nearest folder above this file holding test/neo4j/pom.xml (it runs from test/ and, in the bench, from dist/test/). */
export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
  for (let dir = from, i = 0; i < 8; i++, dir = resolve(dir, '..')) {
    if (existsSync(join(dir, 'test', 'neo4j', 'pom.xml'))) return dir;
  }
  throw new Error(`cannot find the repository (test/neo4j/pom.xml) above ${from}`);
}
const POM = join(REPO_ROOT, 'test', 'neo4j', 'pom.xml');
const LAUNCHER = join(REPO_ROOT, 'test', 'neo4j', 'Launcher.java');

/** Neo4j's "open modules" JVM flags, as its neo4j.conf sets them for JDK 17+. */
const JVM_FLAGS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Djdk.tls.ephemeralDHKeySize=2048',
  '-Djdk.tls.rejectClientInitiatedRenegotiation=true',
  '-XX:+UnlockDiagnosticVMOptions',
  '-XX:+DebugNonSafepoints',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-Dlog4j2.disable.jmx=true',
];

/** Returns the Neo4j version the pom pins. */
export function pinnedVersion(): string {
  const match = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(readFileSync(POM, 'utf8'));
  if (!match) throw new Error(`no <neo4j.version> in ${POM}`);
  return match[1];
}

/** Returns the git-ignored folder holding the harness jars for the pinned version. */
export function jarCacheDir(): string {
  const base = process.env.KG_NEO4J_CACHE ?? join(REPO_ROOT, '.cache', 'neo4j');
  return join(base, pinnedVersion(), 'lib');
}

/** Returns why a local Neo4j cannot be started here (no java or mvn), or null when it can. */
export function missingTools(): string | null {
  const missing = ['java', 'mvn'].filter((tool) => spawnSync(tool, ['-version'], { stdio: 'ignore' }).error);
  return missing.length ? `${missing.join(' and ')} not found on PATH` : null;
}

/** Ensures the harness jars are in the cache (Maven, retried on 429s); returns whether they were already there. */
export function ensureJars(log: (line: string) => void = () => undefined): { cached: boolean; dir: string } {
  const dir = jarCacheDir();
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return { cached: true, dir };
  mkdirSync(dir, { recursive: true });
  const args = [
    '-B', '-q', '-f', POM,
    'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies',
    `-DoutputDirectory=${dir}`, '-DincludeScope=runtime',
  ];
  for (let attempt = 1; ; attempt++) {
    log(`fetching neo4j-harness ${pinnedVersion()} jars with Maven (attempt ${attempt})`);
    const run = spawnSync('mvn', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status === 0) break;
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
    // Maven Central answers 429 to bursts; a pause usually clears it.
    if (attempt >= 4) throw new Error(`mvn failed to fetch the Neo4j harness:\n${output.slice(-4000)}`);
    spawnSync('sleep', [String(5 * attempt * attempt)]);
  }
  writeFileSync(marker, new Date().toISOString());
  return { cached: false, dir };
}

/** Returns the total size of the jar cache in bytes. */
export function jarCacheBytes(dir = jarCacheDir()): number {
  return readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

/** A running in-process Neo4j started by {@link startNeo4j}. */
export interface LocalNeo4j {
  readonly uri: string;
  readonly pid: number;
  readonly dataDir: string;
  readonly startMs: number;
  readonly jarsCached: boolean;
  stop(): Promise<void>;
}

/**
 * Starts Neo4j from the harness jars on 127.0.0.1 and resolves once it prints its Bolt URI: at a
 * free port unless `port` is given, in a fresh data folder (removed by `stop`) unless `dataDir` is
 * given (kept by `stop`: the caller owns it). Passing both restarts a stopped instance where it was.
 */
export async function startNeo4j(options: { heap?: string; pageCacheMb?: number; timeoutMs?: number; log?: (l: string) => void; port?: number; dataDir?: string } = {}): Promise<LocalNeo4j> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const { cached, dir } = ensureJars(log);
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? join(REPO_ROOT, '.cache', 'neo4j-data', `run-${process.pid}-${Date.now()}`);
  mkdirSync(dataDir, { recursive: true });
  const heap = options.heap ?? process.env.KG_NEO4J_HEAP ?? '1g';
  // Launcher.java takes the working folder, then optionally the Bolt port.
  const launcherArgs = options.port === undefined ? [dataDir] : [dataDir, String(options.port)];
  const child: ChildProcess = spawn(
    'java',
    [`-Xms256m`, `-Xmx${heap}`, ...JVM_FLAGS, '-cp', `${dir}/*`, LAUNCHER, ...launcherArgs],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...(options.pageCacheMb && { KG_NEO4J_PAGECACHE: String(options.pageCacheMb) }),
        // A caller's data folder holds the database itself, so a restart finds it (Launcher.java).
        ...(!ownsDataDir && { KG_NEO4J_PERSISTENT: '1' }),
      },
    },
  );
  const javaLog = createWriteStream(join(dataDir, '..', `java-${process.pid}.log`));
  child.stderr?.pipe(javaLog);

  const uri = await new Promise<string>((resolveUri, reject) => {
    const timeoutMs = options.timeoutMs ?? 120_000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Neo4j did not start within ${timeoutMs / 1000}s; see ${javaLog.path}`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      javaLog.write(line + '\n');
      const m = /^NEO4J_READY (bolt:\/\/\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolveUri(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Neo4j exited with code ${code} before it was ready; see ${javaLog.path}`));
    });
  });

  return {
    uri,
    pid: child.pid!,
    dataDir,
    startMs: Date.now() - started,
    jarsCached: cached,
    stop: () =>
      new Promise<void>((done) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', () => {
          clearTimeout(kill);
          if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
          done();
        });
        // Already gone (exited, or killed by a signal, as a test that kills Neo4j does).
        if (child.exitCode !== null || child.signalCode !== null) {
          child.emit('exit', child.exitCode);
          return;
        }
        child.stdin?.end(); // the launcher exits when its stdin closes
      }),
  };
}
