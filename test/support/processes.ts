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

export function spawnEntry(entry: 'main' | 'worker', env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, [join(__dirname, '../../dist', `${entry}.js`)], {
    env: { PATH: process.env.PATH ?? '', ...env },
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
    waitForOutput(pattern, timeoutMs = 20_000) {
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

/** Runs `node dist/cli.js ...args` to completion with only `env` (and PATH), `stdin` piped in. */
export function runCli(args: string[], env: Record<string, string>, stdin = ''): Promise<CliResult> {
  const child = spawn(process.execPath, [join(__dirname, '../../dist/cli.js'), ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
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
