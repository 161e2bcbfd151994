// Every queue name, job name and job payload type, in one place: producers and processors import
// them from here so a renamed queue cannot leave a producer talking to nobody.
import type { JobsOptions } from 'bullmq';
import type { BreachKind } from '../common/ticket-enums';

export const QUEUES = {
  MAIL: 'mail',
  ESCALATION: 'escalation',
  WEBHOOK: 'webhook',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  SEND_MAIL: 'send-mail',
  /** Escalation queue: find breached, not yet escalated tickets; enqueue ESCALATE jobs; relay the outbox. */
  SLA_SWEEP: 'sweep',
  /** Escalation queue: escalate one ticket for one breach kind (at most once, whatever happens). */
  ESCALATE: 'escalate',
  /** Webhook queue: one attempt of one delivery (a webhook_deliveries row). */
  DELIVER_WEBHOOK: 'deliver',
  /** Webhook queue: relay unrelayed messages and re-queue due deliveries a lost queue forgot. */
  WEBHOOK_SWEEP: 'webhook-sweep',
  /** Webhook queue: relay unrelayed messages now (added after a commit that wrote some). */
  RELAY_WEBHOOKS: 'webhook-relay',
} as const;

/** One email. Bodies may carry reset tokens and codes: they are never logged. */
export interface SendMailJob {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The request that caused the email, so its log lines can be correlated with the request's. */
  requestId?: string;
  /** Threading headers of the email channel (RFC 5322), with angle brackets: `<id@domain>`. */
  messageId?: string;
  inReplyTo?: string;
  /** Oldest first. */
  references?: string[];
  /** Where a reply goes: the ticket's reply address. */
  replyTo?: string;
  /** RFC 3834 `Auto-Submitted` (`auto-replied` on acknowledgements), so other robots do not answer. */
  autoSubmitted?: string;
  /** The outbox row the email came from (id and creation time), stamped delivered by the mail worker. */
  outboxId?: string;
  outboxCreatedMs?: number;
}

/** The fields of an email a writer may set: a copy of just these goes to Redis and the outbox. */
export function mailFields(message: SendMailJob): SendMailJob {
  const { to, subject, text, html, requestId, messageId, inReplyTo, references, replyTo, autoSubmitted } = message;
  return { to, subject, text, html, requestId, messageId, inReplyTo, references, replyTo, autoSubmitted };
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

export interface EscalateJob {
  ticketId: number;
  kind: BreachKind;
}

/** One attempt of webhook delivery `deliveryId`. */
export interface DeliverWebhookJob {
  deliveryId: string;
  /** Attempts already recorded when the job was queued: a job for an attempt already made is stale. */
  attempt: number;
}

/** The webhook queue's sweep and relay jobs carry no data. */
export type WebhookQueueJob = DeliverWebhookJob | Record<string, never>;

/** The job scheduler that runs the webhook sweep every WEBHOOK_SWEEP_INTERVAL_SECONDS. */
export const WEBHOOK_SWEEP_SCHEDULER_ID = 'webhook-sweep';

/**
 * The job of one attempt of one delivery: deterministic, so a relay, a sweep and a redelivery that
 * queue the same attempt add one job.
 */
export function deliverWebhookJobId(deliveryId: string, attempt: number): string {
  return `wh-${deliveryId}-${attempt}`;
}

/**
 * Receivers' failures are recorded in Postgres and retried by a new job on the contract's schedule;
 * these BullMQ retries are for our own failures (Postgres away). Finished jobs are removed: the
 * delivery row is the record, and a kept job would block its id from being queued again.
 */
export const DELIVER_WEBHOOK_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.25 },
  removeOnComplete: true,
  removeOnFail: true,
};

/** The sweep needs no data. */
export type SlaSweepJob = Record<string, never>;
export type EscalationQueueJob = EscalateJob | SlaSweepJob;

/** The job scheduler (BullMQ repeatable job) that runs the sweep every SLA_SWEEP_INTERVAL_SECONDS. */
export const SLA_SWEEP_SCHEDULER_ID = 'sla-sweep';

/**
 * One job id per ticket and breach kind, so sweeps that find the same ticket again (before its job
 * ran, or from several workers at once) add nothing. BullMQ ids may not contain ':' nor be integers.
 */
export function escalateJobId(ticketId: number, kind: BreachKind): string {
  return `esc-${ticketId}-${kind}`;
}

/**
 * Escalate jobs retry quickly (the usual failure is the database being briefly away) and are
 * removed when they finish, failed or not: a kept job would block its id, and the next sweep must
 * be able to enqueue the ticket again. The database, not the queue, remembers what was escalated;
 * a job that failed for good is logged as an error and retried by the next sweep.
 */
export const ESCALATE_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 500, jitter: 0.25 },
  removeOnComplete: true,
  removeOnFail: true,
};

/** Sweeps are not retried (the next tick is the retry); the last few are kept for inspection. */
export const SLA_SWEEP_JOB_OPTIONS = {
  attempts: 1,
  removeOnComplete: { count: 50 },
  removeOnFail: { count: 50 },
} satisfies JobsOptions;

/**
 * How long shutdown waits for running jobs: well inside the process's 10 s deadline, leaving room
 * for the pools to close. A job still running then is abandoned; its lock expires and BullMQ hands
 * it to another worker (so a stalled SMTP delivery may be retried: delivery is at least once).
 */
export const WORKER_CLOSE_GRACE_MS = 6_000;

export async function closeWithin(worker: { close(): Promise<void> }, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([worker.close().catch(() => undefined), gaveUp]);
  clearTimeout(timer);
}
