import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Queue } from 'bullmq';
import { workerConfig } from '../config';
import { JOBS, mailFields, mailJobOptions, QUEUES, SendMailJob } from '../queues/queues';
import { withTimeout } from '../common/timeout';

export interface EnqueueMailOptions {
  /**
   * Dedupe key: a second enqueue with the same id is ignored while the first job exists (a day
   * after it completed, forever if it failed). Not an integer, and without ':'.
   */
  jobId?: string;
}

const ENQUEUE_TIMEOUT_MS = 3_000;

/** Queues emails for the workers to deliver (with retries; see `mailJobOptions`). */
@Injectable()
export class MailService {
  constructor(
    @InjectQueue(QUEUES.MAIL) private readonly queue: Queue<SendMailJob>,
    @Inject(workerConfig.KEY) private readonly config: ConfigType<typeof workerConfig>,
  ) {}

  /**
   * Resolves once the job is stored in Redis, not when the email is delivered. Call it after the
   * transaction that made the email necessary has committed, never from inside it.
   */
  async enqueue(message: SendMailJob, options: EnqueueMailOptions = {}): Promise<void> {
    // BullMQ's connection queues commands while Redis is away; a request must not hang on that.
    await withTimeout(
      this.queue.add(
        JOBS.SEND_MAIL,
        // Copy the known fields only, so a caller cannot put a whole entity (or a secret) into Redis by accident.
        mailFields(message),
        { ...mailJobOptions(this.config.mailRetryBaseMs), jobId: options.jobId },
      ),
      ENQUEUE_TIMEOUT_MS,
    );
  }

  /** Where a job is: 'completed', 'failed', 'waiting', 'active', 'delayed', … or 'unknown' (none). */
  async jobState(jobId: string): Promise<string> {
    return withTimeout(this.queue.getJobState(jobId), ENQUEUE_TIMEOUT_MS);
  }

  /** Queues several emails in one round trip (the outbox relay); each needs its own `jobId`. */
  async enqueueMany(messages: Array<{ message: SendMailJob; jobId: string }>): Promise<void> {
    if (!messages.length) return;
    const options = mailJobOptions(this.config.mailRetryBaseMs);
    await withTimeout(
      this.queue.addBulk(
        messages.map(({ message, jobId }) => ({
          name: JOBS.SEND_MAIL,
          data: { ...mailFields(message), outboxId: message.outboxId, outboxCreatedMs: message.outboxCreatedMs },
          opts: { ...options, jobId },
        })),
      ),
      ENQUEUE_TIMEOUT_MS,
    );
  }
}
