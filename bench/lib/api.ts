// Starting and stopping the built API (`node dist/main.js`) as a child process, on a free port.
import { ChildProcess, spawn, StdioOptions } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';

/** Tokens signed with it are only ever seen by the bench's own API processes. */
export const BENCH_JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The repository root (where package.json is), from wherever the compiled script runs. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The environment of the production build as the bench starts it: production mode on `database`,
 * the bench's JWT secret, no queue workers and no demo accounts; `extra` adds or overrides.
 */
export function benchApiEnv(databaseUrl: string, redisKeyPrefix: string, extra: Record<string, string> = {}) {
  return {
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'production',
    JWT_SECRET: BENCH_JWT_SECRET,
    WORKER_IN_PROCESS: 'false',
    SEED_DEMO: 'false',
    REDIS_KEY_PREFIX: redisKeyPrefix,
    // As `npm start` (scripts/node-lts.js) and the image set them.
    MALLOC_ARENA_MAX: '2',
    MALLOC_MMAP_THRESHOLD_: '131072',
    ...extra,
  };
}

/** The node flags of package.json's `start` script (`node --flag… dist/main.js`). */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'dist/main.js')
    throw new Error(`unexpected start script: ${pkg.scripts.start}`);
  // The bench runs on Node 24 already: the API itself, not scripts/node-lts.js around it (so its
  // pid is the API's, for CPU and RSS).
  return words.slice(1, -1).filter((word) => word !== 'scripts/node-lts.js');
}

export interface StartOptions {
  port: number;
  /** Variables for the child; merged over this process's environment unless `cleanEnv`. */
  env: Record<string, string>;
  cleanEnv?: boolean;
  /** Node flags; the API (no `script`) also gets those of `npm start`, so it runs as in production. */
  nodeArgs?: string[];
  /** The script to run, relative to the repository root; the API when absent. */
  script?: string;
  stdio?: StdioOptions;
}

export class ChildServer {
  readonly base: string;
  readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    this.base = `http://127.0.0.1:${port}`;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static start(options: StartOptions): ChildServer {
    const env = { ...(options.cleanEnv ? {} : process.env), ...options.env, PORT: String(options.port) };
    const flags = [...(options.script ? [] : startFlags()), ...(options.nodeArgs ?? [])];
    const child = spawn(process.execPath, [...flags, options.script ?? 'dist/main.js'], {
      cwd: repoRoot(),
      env,
      stdio: options.stdio ?? ['ignore', 'ignore', 'inherit'],
    });
    return new ChildServer(child, options.port);
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Polls `path` until it answers 200; fails early if the process exits. */
  async waitForHealth(path = '/api/health', timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`server exited with ${this.child.exitCode ?? this.child.signalCode}`);
      try {
        if ((await fetch(this.base + path, { signal: AbortSignal.timeout(2_000) })).ok) return;
      } catch {
        // not up yet
      }
      await sleep(100);
    }
    throw new Error(`server not healthy at ${this.base}${path} within ${timeoutMs / 1000} s`);
  }

  /** SIGTERM, and the exit code once it is gone. */
  async stop(): Promise<number | null> {
    if (this.running) this.child.kill('SIGTERM');
    return this.exited;
  }
}

/** VmRSS of a process, in MiB (Linux). */
export function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  if (!line) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(line.replace(/\D+/g, '')) / 1024;
}

/** A JSON request to the API at `base`, as `token` if given: its status and body text. */
export async function callApi(base: string, method: string, path: string, body: unknown, token?: string) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

/** `callApi` that expects a 2xx: its body parsed, or an error naming the call and the answer. */
export async function callApiOk(base: string, method: string, path: string, body: unknown, token?: string) {
  const { status, text } = await callApi(base, method, path, body, token);
  if (status < 200 || status >= 300) throw new Error(`${method} ${path}: ${status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}
