// `npm start` on a machine with Node only: in development, a Postgres and a Redis that are not
// configured (DATABASE_URL / REDIS_URL unset) and not running on their default ports are started
// by this process, and stopped when it stops.
import { DevServicesConfig, Env } from '../config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { findRedisServer, startEmbeddedRedis } from './embedded-redis';
import { EmbeddedService } from './embedded-service';
import { portAnswers } from './port-probe';

export interface DevServices {
  /** DATABASE_URL / REDIS_URL of what was started, to lay over the environment. */
  env: Env;
  /** One line naming what was started and where; undefined when nothing was. */
  summary: string | undefined;
  /** Stops what was started (newest first); never throws. */
  stop(): Promise<void>;
}

export async function startDevServices(config: DevServicesConfig): Promise<DevServices> {
  const started: Array<{ variable: string; service: EmbeddedService }> = [];
  const stop = async () => {
    for (const { service } of started.reverse().splice(0)) await service.stop().catch(() => undefined);
  };
  try {
    // Postgres first: initdb is the slow part, and a missing redis-server is cheap to report after.
    if (config.postgres && !(await portAnswers(config.postgres.port))) {
      started.push({ variable: 'DATABASE_URL', service: await startEmbeddedPostgres(config.postgres) });
    }
    if (config.redis && !(await portAnswers(config.redis.port))) {
      const binary = config.redis.systemBinary ?? findRedisServer(config.redis.searchPath);
      started.push({ variable: 'REDIS_URL', service: await startEmbeddedRedis({ port: config.redis.port, binary }) });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    env: Object.fromEntries(started.map(({ variable, service }) => [variable, service.url])),
    summary: started.length
      ? `Started embedded ${started.map(({ service }) => service.description).join(' and ')}; they stop with this process`
      : undefined,
    stop,
  };
}
