import { NODE_ENVS } from './app.config';
import { defaultPostgresPort } from './database.config';
import { bool, ConfigError, Env, oneOf, optionalStr, str } from './env';
import { defaultRedisPort } from './redis.config';

/**
 * Development only: when DATABASE_URL (REDIS_URL) is unset and nothing answers on the default
 * URL's port, `node dist/main.js` starts an embedded Postgres (Redis) there. Never in production,
 * where a missing service is an error.
 */
export function devServicesConfigFromEnv(env: Env) {
  const nodeEnv = oneOf(env, 'NODE_ENV', 'development', NODE_ENVS);
  const enabled = bool(env, 'EMBEDDED_SERVICES', nodeEnv === 'development');
  if (enabled && nodeEnv === 'production') {
    throw new ConfigError('EMBEDDED_SERVICES', 'cannot be on when NODE_ENV=production', env.EMBEDDED_SERVICES ?? '');
  }
  return {
    /** Set when an embedded Postgres may be started: DATABASE_URL unset and the feature on. */
    postgres:
      enabled && optionalStr(env, 'DATABASE_URL') === undefined
        ? { port: defaultPostgresPort(env), dataDir: str(env, 'EMBEDDED_POSTGRES_DIR', './data/postgres') }
        : undefined,
    /** Set when an embedded Redis may be started: REDIS_URL unset and the feature on. */
    redis:
      enabled && optionalStr(env, 'REDIS_URL') === undefined
        ? {
            port: defaultRedisPort(env),
            /** The redis-server to run (redis-memory-server's variable); else the first on PATH. */
            systemBinary: optionalStr(env, 'REDISMS_SYSTEM_BINARY'),
            searchPath: str(env, 'PATH', ''),
          }
        : undefined,
  };
}

export type DevServicesConfig = ReturnType<typeof devServicesConfigFromEnv>;
