import { registerAs } from '@nestjs/config';
import { Env, int, url } from './env';

export function databaseConfigFromEnv(env: Env) {
  return {
    url: url(env, 'DATABASE_URL', 'postgres://postgres:postgres@localhost:5432/helpdesk', [
      'postgres',
      'postgresql',
    ]) as string,
    poolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
  };
}

export const databaseConfig = registerAs('database', () => databaseConfigFromEnv(process.env));
export type DatabaseConfig = ReturnType<typeof databaseConfigFromEnv>;
