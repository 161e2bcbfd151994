import { registerAs } from '@nestjs/config';
import { Env, int } from './env';

export function throttleConfigFromEnv(env: Env) {
  return {
    perMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 60, 1, 1_000_000),
    loginPerMinute: int(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', 10, 1, 1_000_000),
  };
}

/** The `throttle` namespace read from `env`; `throttleConfig.KEY` injects whichever one was loaded. */
export const throttleConfigFrom = (env: Env) => registerAs('throttle', () => throttleConfigFromEnv(env));
export const throttleConfig = throttleConfigFrom(process.env);
export type ThrottleConfig = ReturnType<typeof throttleConfigFromEnv>;
