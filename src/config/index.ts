import { DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { appConfigFrom, appConfigFromEnv } from './app.config';
import { authConfigFrom, authConfigFromEnv } from './auth.config';
import { databaseConfigFrom, databaseConfigFromEnv } from './database.config';
import { devServicesConfigFromEnv } from './dev-services.config';
import { developmentSecret, Env, optionalStr } from './env';
import { envFromProcess } from './process-env';
import { emailConfigFrom, emailConfigFromEnv } from './email.config';
import { mailConfigFrom, mailConfigFromEnv } from './mail.config';
import { observabilityConfigFrom, observabilityConfigFromEnv } from './observability.config';
import { realtimeConfigFrom, realtimeConfigFromEnv } from './realtime.config';
import { redisConfigFrom, redisConfigFromEnv } from './redis.config';
import { storageConfigFrom, storageConfigFromEnv } from './storage.config';
import { webhookConfigFrom, webhookConfigFromEnv } from './webhook.config';
import { throttleConfigFrom, throttleConfigFromEnv } from './throttle.config';
import { workerConfigFrom, workerConfigFromEnv } from './worker.config';

export { ConfigError } from './env';
export type { Env } from './env';
export * from './app.config';
export * from './auth.config';
export * from './database.config';
export * from './dev-services.config';
export * from './email.config';
export * from './mail.config';
export * from './observability.config';
export * from './realtime.config';
export * from './redis.config';
export * from './storage.config';
export * from './webhook.config';
export * from './throttle.config';
export * from './worker.config';

/** Every namespace read from `env`, under the KEYs the app injects (`appConfig.KEY`...). */
export function configNamespaces(env: Env) {
  return [
    appConfigFrom(env),
    authConfigFrom(env),
    databaseConfigFrom(env),
    emailConfigFrom(env),
    mailConfigFrom(env),
    observabilityConfigFrom(env),
    realtimeConfigFrom(env),
    redisConfigFrom(env),
    storageConfigFrom(env),
    webhookConfigFrom(env),
    throttleConfigFrom(env),
    workerConfigFrom(env),
  ];
}

/**
 * The global ConfigModule with every namespace read from `env`: main.ts hands in process.env, tests
 * a record of their own. Neither a .env file nor process.env is read (or written) besides.
 */
export function configModuleFrom(env: Env): Promise<DynamicModule> {
  return ConfigModule.forRoot({
    isGlobal: true,
    ignoreEnvFile: true,
    validatePredefined: false,
    skipProcessEnv: true,
    load: configNamespaces(env),
  });
}

/** Validates the whole environment at once; throws a `ConfigError` naming the first bad variable. */
export function validateEnv(env: Env = envFromProcess()) {
  return {
    app: appConfigFromEnv(env),
    auth: authConfigFromEnv(env),
    database: databaseConfigFromEnv(env),
    email: emailConfigFromEnv(env),
    mail: mailConfigFromEnv(env),
    observability: observabilityConfigFromEnv(env),
    realtime: realtimeConfigFromEnv(env),
    redis: redisConfigFromEnv(env),
    storage: storageConfigFromEnv(env),
    webhook: webhookConfigFromEnv(env),
    throttle: throttleConfigFromEnv(env),
    worker: workerConfigFromEnv(env),
    devServices: devServicesConfigFromEnv(env),
  };
}
export type ValidatedEnv = ReturnType<typeof validateEnv>;

/**
 * The environment as the command-line tool (src/cli.ts) reads it: the same variables, validated
 * alike, except that it needs no JWT_SECRET (it signs no tokens) and never seeds the demo accounts
 * as a side effect of booting (`seed-demo` does that on request).
 */
export function commandLineEnv(env: Env): Env {
  return { ...env, JWT_SECRET: optionalStr(env, 'JWT_SECRET') ?? developmentSecret(), SEED_DEMO: 'false' };
}
