import { ValidatedEnv } from './config';
import { connectRedis } from './redis/redis-connection';

/**
 * Checks Redis before Nest builds anything: BullMQ's queues would otherwise start reconnecting
 * (and printing stacks) before our provider could fail with its one clear line.
 */
export async function preflight(env: ValidatedEnv): Promise<void> {
  const redis = await connectRedis(env.redis.url);
  await redis.quit().catch(() => redis.disconnect());
}
