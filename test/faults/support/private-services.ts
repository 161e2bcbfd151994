// A Postgres cluster and a redis-server of the fault suite's own, on free ports, so a test can stop,
// kill, restart and flush them without touching the shared servers. Everything they leave behind
// (processes, temporary directories) is removed by `stop()`, and by an exit hook if jest dies first.
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { waitFor } from '../../support/assertions';
import { freePort } from '../../support/processes';

const run = promisify(execFile);

/** The database the fault suite's apps create (and migrate) on the private server. */
export const FAULTS_DATABASE = 'helpdesk_faults';

/** Undo steps for whatever is still running when the process exits (a crash, a killed jest). */
const exitCleanups = new Set<() => void>();
process.once('exit', () => exitCleanups.forEach((cleanup) => cleanup()));

/** `/usr/lib/postgresql/<newest>/bin`, or the directory of an `initdb` on PATH. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length) return join(root, versions[0], 'bin');
  const onPath = (process.env.PATH ?? '').split(':').find((dir) => existsSync(join(dir, 'initdb')));
  if (!onPath) throw new Error('No initdb found in /usr/lib/postgresql/*/bin or on PATH');
  return onPath;
}

/** initdb and postgres refuse to run as root: as root, run them as the `postgres` system user. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

async function runAsPostgres(command: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const [file, argv] = asPostgres(command, args);
  try {
    const { stdout } = await run(file, argv, { timeout: timeoutMs });
    return stdout;
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${stderr || stdout || (error as Error).message}`, {
      cause: error,
    });
  }
}

async function postgresUid(): Promise<{ uid: number; gid: number }> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
    run('id', ['-u', 'postgres']),
    run('id', ['-g', 'postgres']),
  ]);
  return { uid: Number(uid), gid: Number(gid) };
}

export class PrivatePostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly bin: string,
  ) {}

  private get dataDir() {
    return join(this.dir, 'data');
  }

  /** initdb into a temporary directory (trust auth, user `postgres`) and start the server. */
  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'helpdesk-faults-pg-'));
    const pg = new PrivatePostgres(await freePort(), dir, postgresBinDir());
    exitCleanups.add(pg.cleanupSync);
    try {
      if (process.getuid?.() === 0) {
        const { uid, gid } = await postgresUid();
        chownSync(dir, uid, gid);
      }
      await runAsPostgres(join(pg.bin, 'initdb'), [
        '-D',
        pg.dataDir,
        '-A',
        'trust',
        '-U',
        'postgres',
        '-E',
        'UTF8',
        '--locale=C',
        '--no-sync',
      ]);
      await pg.startServer();
      return pg;
    } catch (error) {
      await pg.stop();
      throw error;
    }
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Starts the server again (same directory, same port) and waits until it accepts connections. */
  async startServer(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
    await runAsPostgres(join(this.bin, 'pg_ctl'), [
      '-D',
      this.dataDir,
      '-l',
      join(this.dir, 'server.log'),
      '-o',
      options,
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  /** `pg_ctl stop -m immediate`: every backend dies at once, like a crash (recovery runs at the next start). */
  async stopServer(): Promise<void> {
    await runAsPostgres(join(this.bin, 'pg_ctl'), ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
  }

  /** Runs one query on a connection of its own (tests use it while the app's pool may be broken). */
  async query<T = any>(text: string, params: unknown[] = [], database = FAULTS_DATABASE): Promise<T[]> {
    const client = new Client({ connectionString: this.url(database), connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  }

  /** Stops the server if it runs and removes the directory. Safe to call twice. */
  async stop(): Promise<void> {
    exitCleanups.delete(this.cleanupSync);
    if (this.running()) await this.stopServer().catch(() => this.cleanupSync());
    rmSync(this.dir, { recursive: true, force: true });
  }

  private running(): boolean {
    return existsSync(join(this.dataDir, 'postmaster.pid'));
  }

  /** Synchronous last resort: SIGQUIT the postmaster (immediate shutdown) and delete the directory. */
  private readonly cleanupSync = () => {
    try {
      const pid = Number(readFileSync(join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (pid > 0) process.kill(pid, 'SIGQUIT');
    } catch {
      // not running
    }
    rmSync(this.dir, { recursive: true, force: true });
  };
}

export class PrivateRedis {
  private child?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    exitCleanups.add(redis.killSync);
    await redis.startServer();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** A redis-server child without persistence: a kill loses everything, like a flush. */
  async startServer(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      { stdio: 'ignore' },
    );
    this.child = child;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await Promise.race([
      waitFor(() => this.ping(), { timeoutMs: 10_000, intervalMs: 20 }),
      exited.then(() => {
        throw new Error(`redis-server on port ${this.port} exited at start`);
      }),
    ]);
  }

  /** SIGKILL, and wait until the process is gone (its port is then refused). */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async flushAll(): Promise<void> {
    await this.command((client) => client.flushall());
  }

  async ping(): Promise<boolean> {
    return this.command(async (client) => (await client.ping()) === 'PONG').catch(() => false);
  }

  async stop(): Promise<void> {
    exitCleanups.delete(this.killSync);
    await this.kill();
  }

  private async command<T>(fn: (client: Redis) => Promise<T>): Promise<T> {
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await fn(client);
    } finally {
      client.disconnect();
    }
  }

  private readonly killSync = () => {
    this.child?.kill('SIGKILL');
  };
}
