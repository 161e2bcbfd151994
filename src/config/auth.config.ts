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
  return {
    jwtSecret: secret ?? developmentSecret(),
    accessTtlSeconds: duration(env, 'JWT_ACCESS_TTL', '15m'),
    refreshTtlSeconds: duration(env, 'JWT_REFRESH_TTL', '30d'),
  };
}

export const authConfig = registerAs('auth', () => authConfigFromEnv(process.env));
export type AuthConfig = ReturnType<typeof authConfigFromEnv>;
