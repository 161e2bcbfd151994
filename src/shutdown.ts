import { INestApplicationContext, Logger } from '@nestjs/common';
import { isShuttingDown, markShuttingDown } from './common/shutdown-state';
import { activeTracing } from './tracing/tracing-state';

const SHUTDOWN_DEADLINE_MS = 10_000;

/** True once SIGTERM/SIGINT arrived: responses then ask keep-alive clients to reconnect elsewhere. */
export { isShuttingDown };

/**
 * Closes the app on SIGTERM/SIGINT: Fastify stops accepting and drains in-flight requests,
 * workers finish running jobs, pools close; then `afterClose` runs (the embedded development
 * services stop). Exits 0, or 1 if that took longer than 10 s.
 */
export function runUntilSignal(
  app: INestApplicationContext,
  readyMessage: string,
  afterClose: () => Promise<void> = () => Promise.resolve(),
): void {
  const logger = new Logger('Lifecycle');
  const stop = (signal: NodeJS.Signals) => {
    if (isShuttingDown()) return;
    markShuttingDown();
    logger.log(`${signal} received, shutting down`);
    setTimeout(() => {
      logger.error(`Shutdown took longer than ${SHUTDOWN_DEADLINE_MS} ms; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    app
      .close()
      .then(afterClose)
      // The last spans (the shutdown's own included) go out before the process does.
      .then(() => activeTracing()?.shutdown())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'Error during shutdown');
        process.exit(1);
      });
  };
  // `on`, not `once`: a second signal (a process group's, or an impatient Ctrl-C) finds `stop`
  // already running and is ignored, instead of killing the drain with the default action.
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Only now: whoever waits for this line may signal us at once, and the handlers are in place.
  logger.log(readyMessage);
}

/** For start-up failures: one clear line for the errors we understand, a stack for the rest; exit 1. */
export function exitOnStartupError(error: unknown): never {
  const known = error instanceof Error && (error.name === 'ConfigError' || error.name === 'StartupError');
  process.stderr.write(`${known ? (error as Error).message : ((error as Error)?.stack ?? String(error))}\n`);
  process.exit(1);
}
