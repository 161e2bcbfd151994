import { ConfigError, validateEnv } from '.';

describe('devServices config', () => {
  it('offers embedded Postgres and Redis in development when their URLs are unset', () => {
    const { devServices } = validateEnv({ PATH: '/usr/bin' });
    expect(devServices.postgres).toEqual({ port: 5432, dataDir: './data/postgres' });
    expect(devServices.redis).toEqual({ port: 6379, systemBinary: undefined, searchPath: '/usr/bin' });
  });

  it('moves the default URLs and the embedded services together with DEFAULT_*_PORT', () => {
    const env = validateEnv({
      DEFAULT_POSTGRES_PORT: '15432',
      DEFAULT_REDIS_PORT: '16379',
      EMBEDDED_POSTGRES_DIR: '/tmp/pg',
    });
    expect(env.database.url).toBe('postgres://postgres:postgres@localhost:15432/helpdesk');
    expect(env.redis.url).toBe('redis://localhost:16379');
    expect(env.devServices.postgres).toEqual({ port: 15432, dataDir: '/tmp/pg' });
    expect(env.devServices.redis?.port).toBe(16379);
  });

  it('starts nothing for a service whose URL is set, nor when turned off', () => {
    expect(validateEnv({ DATABASE_URL: 'postgres://db/helpdesk' }).devServices.postgres).toBeUndefined();
    expect(validateEnv({ REDIS_URL: 'redis://cache:6379' }).devServices.redis).toBeUndefined();
    expect(validateEnv({ EMBEDDED_SERVICES: 'false' }).devServices).toEqual({ postgres: undefined, redis: undefined });
  });

  it('never in production or tests, and refuses to be turned on in production', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };
    expect(validateEnv(production).devServices).toEqual({ postgres: undefined, redis: undefined });
    expect(validateEnv({ NODE_ENV: 'test' }).devServices).toEqual({ postgres: undefined, redis: undefined });
    expect(() => validateEnv({ ...production, EMBEDDED_SERVICES: 'true' })).toThrow(ConfigError);
  });
});
