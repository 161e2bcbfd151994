import { appConfig, appConfigFromEnv } from './app.config';
import { authConfig, authConfigFromEnv } from './auth.config';
import { databaseConfig, databaseConfigFromEnv } from './database.config';
import { Env } from './env';
import { mailConfig, mailConfigFromEnv } from './mail.config';
import { redisConfig, redisConfigFromEnv } from './redis.config';
import { throttleConfig, throttleConfigFromEnv } from './throttle.config';
import { workerConfig, workerConfigFromEnv } from './worker.config';

export { ConfigError } from './env';
export * from './app.config';
export * from './auth.config';
export * from './database.config';
export * from './mail.config';
export * from './redis.config';
export * from './throttle.config';
export * from './worker.config';

/** Every namespace, for `ConfigModule.forRoot({ load })`. */
export const configNamespaces = [
  appConfig,
  authConfig,
  databaseConfig,
  mailConfig,
  redisConfig,
  throttleConfig,
  workerConfig,
];

/** Validates the whole environment at once; throws a `ConfigError` naming the first bad variable. */
export function validateEnv(env: Env = process.env) {
  return {
    app: appConfigFromEnv(env),
    auth: authConfigFromEnv(env),
    database: databaseConfigFromEnv(env),
    mail: mailConfigFromEnv(env),
    redis: redisConfigFromEnv(env),
    throttle: throttleConfigFromEnv(env),
    worker: workerConfigFromEnv(env),
  };
}
export type ValidatedEnv = ReturnType<typeof validateEnv>;
