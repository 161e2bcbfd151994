import { createSecretKey } from 'node:crypto';
import { registerAs } from '@nestjs/config';
import { ConfigError, developmentSecret, duration, Env, oneOf, optionalStr } from './env';
import { NODE_ENVS } from './app.config';

export function authConfigFromEnv(env: Env) {
  const production = oneOf(env, 'NODE_ENV', 'development', NODE_ENVS) === 'production';
  const secret = optionalStr(env, 'JWT_SECRET');
  if (secret === undefined && production) {
    throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production', '');
  }
  if (secret !== undefined && secret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 characters', '<hidden>');
  }
  const jwtSecret = secret ?? developmentSecret();
  return {
    jwtSecret,
    /**
     * The same secret as a KeyObject, for signing and verifying. Given a string, jsonwebtoken first
     * tries to parse it as a PEM public key on every call and builds a KeyObject after that fails:
     * a thrown error per request, measured at ~15% of the API's CPU on a by-id read.
     */
    jwtKey: createSecretKey(Buffer.from(jwtSecret, 'utf8')),
    accessTtlSeconds: duration(env, 'JWT_ACCESS_TTL', '15m'),
    refreshTtlSeconds: duration(env, 'JWT_REFRESH_TTL', '30d'),
  };
}

/** The `auth` namespace read from `env`; `authConfig.KEY` injects whichever one was loaded. */
export const authConfigFrom = (env: Env) => registerAs('auth', () => authConfigFromEnv(env));
export const authConfig = authConfigFrom(process.env);
export type AuthConfig = ReturnType<typeof authConfigFromEnv>;
