import { registerAs } from '@nestjs/config';
import { Env, int } from './env';

export function realtimeConfigFromEnv(env: Env) {
  return {
    /** Open sockets per user on one instance; one more closes that user's oldest (4409). */
    maxSocketsPerUser: int(env, 'WS_MAX_SOCKETS_PER_USER', 20, 1, 10_000),
  };
}

/** The `realtime` namespace read from `env`; `realtimeConfig.KEY` injects whichever one was loaded. */
export const realtimeConfigFrom = (env: Env) => registerAs('realtime', () => realtimeConfigFromEnv(env));
export const realtimeConfig = realtimeConfigFrom(process.env);
export type RealtimeConfig = ReturnType<typeof realtimeConfigFromEnv>;
