import { registerAs } from '@nestjs/config';
import { bool, Env, int, url } from './env';

/** The port of the default DATABASE_URL (and of the embedded Postgres started in development). */
export function defaultPostgresPort(env: Env): number {
  return int(env, 'DEFAULT_POSTGRES_PORT', 5432, 1, 65535);
}

export function databaseConfigFromEnv(env: Env) {
  return {
    url: url(env, 'DATABASE_URL', `postgres://postgres:postgres@localhost:${defaultPostgresPort(env)}/helpdesk`, [
      'postgres',
      'postgresql',
    ]) as string,
    poolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    /**
     * API and worker start run the pending migrations (under a lock). Off where a deployment step
     * migrates first (the Kubernetes migration Job): start then refuses while any are pending.
     */
    migrateOnStart: bool(env, 'MIGRATE_ON_START', true),
  };
}

/** The `database` namespace read from `env`; `databaseConfig.KEY` injects whichever one was loaded. */
export const databaseConfigFrom = (env: Env) => registerAs('database', () => databaseConfigFromEnv(env));
export const databaseConfig = databaseConfigFrom(process.env);
export type DatabaseConfig = ReturnType<typeof databaseConfigFromEnv>;
