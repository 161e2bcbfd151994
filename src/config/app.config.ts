import { registerAs } from '@nestjs/config';
import { bool, Env, int, oneOf, optionalStr, origins, str } from './env';

export const NODE_ENVS = ['development', 'production', 'test'] as const;

export function appConfigFromEnv(env: Env) {
  const nodeEnv = oneOf(env, 'NODE_ENV', 'development', NODE_ENVS);
  return {
    nodeEnv,
    isProduction: nodeEnv === 'production',
    port: int(env, 'PORT', 3000, 0, 65535),
    host: str(env, 'HOST', '0.0.0.0'),
    /** Trust X-Forwarded-For from this many proxy hops (0 = the socket address is the client). */
    trustProxyHops: int(env, 'TRUST_PROXY_HOPS', 0, 0, 10),
    seedDemo: bool(env, 'SEED_DEMO', nodeEnv !== 'production'),
    logLevel: oneOf(env, 'LOG_LEVEL', nodeEnv === 'test' ? 'warn' : 'info', [
      'fatal',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
      'silent',
    ] as const),
    commit: optionalStr(env, 'GIT_COMMIT'),
    /** How long `GET /reports/stats` is served from memory (it scans every live ticket); 0 = never. */
    reportsStatsCacheSeconds: int(env, 'REPORTS_STATS_CACHE_SECONDS', 10, 0, 3600),
    /** Browser origins allowed to call the API cross-origin (CORS); empty = CORS off. */
    corsOrigins: origins(env, 'CORS_ORIGINS'),
  };
}

/** The `app` namespace read from `env`; `appConfig.KEY` injects whichever one was loaded. */
export const appConfigFrom = (env: Env) => registerAs('app', () => appConfigFromEnv(env));
export const appConfig = appConfigFrom(process.env);
export type AppConfig = ReturnType<typeof appConfigFromEnv>;
