// Spawns the built entry points (dist/main.js, dist/worker.js) as real child processes.
import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { join } from 'node:path';

export interface Spawned {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

/**
 * A child's environment: only `env` and PATH, and NODE_ENV=test unless `env` says otherwise, so the
 * configuration never reads a developer's `.env` (loaded when NODE_ENV is unset or development).
 */
function childEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env };
}

export interface SpawnOptions {
  /**
   * The child's working directory (default: this one, the repository). A test that runs in
   * development mode passes a directory without a `.env`, so only `env` configures the child.
   */
  cwd?: string;
}

export function spawnEntry(entry: 'main' | 'worker', env: Record<string, string>, options: SpawnOptions = {}): Spawned {
  const child = spawn(process.execPath, [join(__dirname, '../../dist', `${entry}.js`)], {
    env: childEnv(env),
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: Array<() => void> = [];
  const collect = (into: string[]) => (chunk: Buffer) => {
    into.push(...chunk.toString().split('\n').filter(Boolean));
    waiters.forEach((wake) => wake());
  };
  child.stdout!.on('data', collect(stdout));
  child.stderr!.on('data', collect(stderr));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stdout,
    stderr,
    exited,
    // As long as a start may take on a loaded machine (the API or the worker booting).
    waitForOutput(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no output matching ${pattern} within ${timeoutMs} ms; stderr: ${stderr.join('\n')}`)),
          timeoutMs,
        );
        const check = () => {
          const line = [...stdout, ...stderr].find((text) => pattern.test(text));
          if (line) {
            clearTimeout(timer);
            resolve(line);
          }
        };
        waiters.push(check);
        check();
        void exited.then(() => setTimeout(() => check(), 10));
      });
    },
  };
}

/** A TCP port nothing listens on (bound, read, then released). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js ...args` to completion with only `env` (and PATH, NODE_ENV=test unless set), `stdin` piped in. */
export function runCli(args: string[], env: Record<string, string>, stdin = ''): Promise<CliResult> {
  const child = spawn(process.execPath, [join(__dirname, '../../dist/cli.js'), ...args], {
    env: childEnv(env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // The CLI may exit before reading stdin (usage errors): a closed pipe is no failure of the test.
  child.stdin!.on('error', () => undefined);
  child.stdin!.end(stdin);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
