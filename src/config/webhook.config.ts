import { createHash } from 'node:crypto';
import { registerAs } from '@nestjs/config';
import { bool, ConfigError, Env, int, optionalStr, str } from './env';

/** Retry delays after each failed attempt (API: about 5 s, 30 s, 2 min, 10 min, 1 h, 6 h, 12 h, 24 h). */
export const DEFAULT_WEBHOOK_RETRY_SECONDS = [5, 30, 120, 600, 3_600, 21_600, 43_200, 86_400];

/** Not a secret: lets development restarts (whose JWT secret is random) decrypt what they stored. */
const DEVELOPMENT_KEY = 'helpdesk-development-webhook-secret-key';

export function webhookConfigFromEnv(env: Env) {
  const key = optionalStr(env, 'WEBHOOK_SECRET_KEY');
  if (key !== undefined && key.length < 32) {
    throw new ConfigError('WEBHOOK_SECRET_KEY', 'must be at least 32 characters', '<hidden>');
  }
  const schedule = str(env, 'WEBHOOK_RETRY_SECONDS', DEFAULT_WEBHOOK_RETRY_SECONDS.join(','));
  const retrySeconds = schedule.split(',').map((part) => Number(part.trim()));
  if (!retrySeconds.length || retrySeconds.some((s) => !Number.isInteger(s) || s < 0 || s > 7 * 86_400)) {
    throw new ConfigError('WEBHOOK_RETRY_SECONDS', 'must be a comma-separated list of seconds (0 to 604800)', schedule);
  }
  return {
    /**
     * AES-256-GCM key for webhook secrets at rest: from WEBHOOK_SECRET_KEY, else from JWT_SECRET
     * (required in production, so an upgrade needs no new variable), else a development constant.
     */
    secretKey: createHash('sha256')
      .update(`webhook-secrets:${key ?? optionalStr(env, 'JWT_SECRET') ?? DEVELOPMENT_KEY}`)
      .digest(),
    /** Deliver to loopback, private, link-local and metadata addresses too (tests, private networks). */
    allowPrivateTargets: bool(env, 'WEBHOOK_ALLOW_PRIVATE_TARGETS', false),
    /** Delays before the 2nd, 3rd, … attempt; one attempt more than delays, then `failed`. */
    retrySeconds,
    /** Deliveries each worker process runs at once, over all endpoints. */
    concurrency: int(env, 'WEBHOOK_CONCURRENCY', 20, 1, 500),
    /** Deliveries to one endpoint at once, over all workers: a slow receiver holds this many slots at most. */
    perEndpointConcurrency: int(env, 'WEBHOOK_PER_ENDPOINT_CONCURRENCY', 2, 1, 100),
    /** A receiver gets this long to answer (API: 10 s). */
    timeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
    /** A hook failing for this long is deactivated and admins are emailed (API: 3 days). */
    deactivateAfterSeconds: int(env, 'WEBHOOK_DEACTIVATE_AFTER_SECONDS', 3 * 86_400, 1, 365 * 86_400),
    /** How often the sweep relays what no nudge relayed and re-queues deliveries a lost queue forgot. */
    sweepIntervalSeconds: int(env, 'WEBHOOK_SWEEP_INTERVAL_SECONDS', 5, 1, 3_600),
    /**
     * A pending delivery due this long ago is queued again by the sweep (its job may be gone with a
     * flushed Redis; queuing again is harmless, the job id is deterministic).
     */
    requeueAfterSeconds: int(env, 'WEBHOOK_REQUEUE_AFTER_SECONDS', 60, 1, 86_400),
  };
}

/** The `webhook` namespace read from `env`; `webhookConfig.KEY` injects whichever one was loaded. */
export const webhookConfigFrom = (env: Env) => registerAs('webhook', () => webhookConfigFromEnv(env));
export const webhookConfig = webhookConfigFrom(process.env);
export type WebhookConfig = ReturnType<typeof webhookConfigFromEnv>;
