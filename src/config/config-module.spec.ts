import { Test } from '@nestjs/testing';
import { AppConfig, appConfig, configModuleFrom, configNamespaces, Env, RedisConfig, redisConfig } from '.';

describe('configModuleFrom', () => {
  async function injected(env: Env) {
    const module = await Test.createTestingModule({ imports: [configModuleFrom(env)] }).compile();
    try {
      return { app: module.get<AppConfig>(appConfig.KEY), redis: module.get<RedisConfig>(redisConfig.KEY) };
    } finally {
      await module.close();
    }
  }

  it('builds the namespaces under the keys the app injects', () => {
    const keys = configNamespaces({}).map((namespace) => namespace.KEY);
    expect(keys).toContain(appConfig.KEY);
    expect(keys).toContain(redisConfig.KEY);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps two configurations built from two records apart', async () => {
    const one = await injected({ PORT: '1111', REDIS_KEY_PREFIX: 'one', CORS_ORIGINS: 'https://one.example' });
    const two = await injected({ PORT: '2222', REDIS_KEY_PREFIX: 'two' });
    expect([one.app.port, one.redis.keyPrefix, one.app.corsOrigins]).toEqual([1111, 'one', ['https://one.example']]);
    expect([two.app.port, two.redis.keyPrefix, two.app.corsOrigins]).toEqual([2222, 'two', []]);
  });

  it('reads nothing from process.env for what the record leaves out', async () => {
    // Whatever this process's PORT and REDIS_KEY_PREFIX are, an empty record means the defaults.
    const empty = await injected({});
    expect([empty.app.port, empty.redis.keyPrefix]).toEqual([3000, 'helpdesk']);
  });
});
