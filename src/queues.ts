// Every queue name, job name and job payload type, in one place: producers and processors import
// them from here so a renamed queue cannot leave a producer talking to nobody.
import type { JobsOptions } from 'bullmq';

export const QUEUES = {
  MAIL: 'mail',
  ESCALATION: 'escalation',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  SEND_MAIL: 'send-mail',
} as const;

/** One email. Bodies may carry reset tokens and codes: they are never logged. */
export interface SendMailJob {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The request that caused the email, so its log lines can be correlated with the request's. */
  requestId?: string;
}

/** Attempts per email, the first one included. */
export const MAIL_ATTEMPTS = 8;
/**
 * Default options of a mail job. `retryBaseMs` is `MAIL_RETRY_BASE_MS`, 2 s unless configured.
 *
 * Retries: 8 attempts, waiting 2, 4, 8 … 128 s between them (about 4 minutes in all, less with
 * jitter). The first retries are quick because most SMTP failures are blips (a relay restarting,
 * a dropped connection, a 4xx "try again"); the doubling gives a relay that is really down a few
 * minutes to come back without us hammering it. The whole window stays well inside the shortest
 * lifetime of what we mail (a verification code is valid 15 minutes): an email that arrives after
 * its code expired is worse than a failed job an operator can see and retry. Jitter spreads the
 * retries of a burst of emails that failed together.
 *
 * Completed jobs are kept a day (at most 10,000) for inspection and for `jobId` dedupe; failed jobs
 * are kept until someone looks at them: an email is never dropped silently.
 */
export function mailJobOptions(retryBaseMs: number): JobsOptions {
  return {
    attempts: MAIL_ATTEMPTS,
    backoff: { type: 'exponential', delay: retryBaseMs, jitter: 0.25 },
    removeOnComplete: { age: 86_400, count: 10_000 },
    removeOnFail: false,
  };
}
