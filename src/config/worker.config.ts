import { registerAs } from '@nestjs/config';
import { bool, Env, int } from './env';

export function workerConfigFromEnv(env: Env) {
  return {
    /** Whether `node dist/main.js` also runs the queue workers. */
    inProcess: bool(env, 'WORKER_IN_PROCESS', true),
    slaSweepIntervalSeconds: int(env, 'SLA_SWEEP_INTERVAL_SECONDS', 30, 1, 86_400),
    mailConcurrency: int(env, 'MAIL_CONCURRENCY', 5, 1, 100),
    /** Base delay of the exponential backoff between mail attempts; tests shorten it. */
    mailRetryBaseMs: int(env, 'MAIL_RETRY_BASE_MS', 2_000, 1, 600_000),
    escalationConcurrency: int(env, 'ESCALATION_CONCURRENCY', 5, 1, 100),
    /** Audit-log entries older than this many days are purged by housekeeping; 0 keeps them forever. */
    auditRetentionDays: int(env, 'AUDIT_RETENTION_DAYS', 365, 0, 36_500),
  };
}

/** The `worker` namespace read from `env`; `workerConfig.KEY` injects whichever one was loaded. */
export const workerConfigFrom = (env: Env) => registerAs('worker', () => workerConfigFromEnv(env));
export const workerConfig = workerConfigFrom(process.env);
export type WorkerConfig = ReturnType<typeof workerConfigFromEnv>;
