import { registerAs } from '@nestjs/config';
import { ConfigError, Env, int, str, url } from './env';

/** The port of the default REDIS_URL (and of the embedded Redis started in development). */
export function defaultRedisPort(env: Env): number {
  return int(env, 'DEFAULT_REDIS_PORT', 6379, 1, 65535);
}

export function redisConfigFromEnv(env: Env) {
  const keyPrefix = str(env, 'REDIS_KEY_PREFIX', 'helpdesk');
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(keyPrefix)) {
    throw new ConfigError('REDIS_KEY_PREFIX', 'must be 1-64 letters, digits, dots, dashes or underscores', keyPrefix);
  }
  return {
    url: url(env, 'REDIS_URL', `redis://localhost:${defaultRedisPort(env)}`, ['redis', 'rediss']) as string,
    /** Namespaces every key (queues, rate limits) so several deployments or test runs can share one Redis. */
    keyPrefix,
  };
}

/** The `redis` namespace read from `env`; `redisConfig.KEY` injects whichever one was loaded. */
export const redisConfigFrom = (env: Env) => registerAs('redis', () => redisConfigFromEnv(env));
export const redisConfig = redisConfigFrom(process.env);
export type RedisConfig = ReturnType<typeof redisConfigFromEnv>;
