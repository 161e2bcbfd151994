import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Job, UnrecoverableError } from 'bullmq';
import { workerConfig } from '../config';
import { JOBS, QUEUES, SendMailJob } from '../queues/queues';
import { closeWithin, WORKER_CLOSE_GRACE_MS } from '../queues/queues';
import { OutboxService } from './outbox.service';
import { MailSender } from '../mail/mail-sender';

/**
 * Delivers queued emails. Thin on purpose: MailSender does the work and its errors propagate, so
 * BullMQ retries with the backoff set when the job was queued (`mailJobOptions`).
 *
 * `@Processor()`'s worker options are fixed when the class is declared, before configuration is
 * read; so the worker is created without autorun and started in onApplicationBootstrap, once
 * MAIL_CONCURRENCY is applied and the whole application is up.
 */
@Processor(QUEUES.MAIL, { autorun: false })
export class MailProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(
    private readonly sender: MailSender,
    private readonly outbox: OutboxService,
    @Inject(workerConfig.KEY) private readonly config: ConfigType<typeof workerConfig>,
  ) {
    super();
  }

  async process(job: Job<SendMailJob>): Promise<void> {
    if (job.name !== JOBS.SEND_MAIL) throw new UnrecoverableError(`Unknown mail job name "${job.name}"`);
    await this.sender.send(job.data);
    // Delivered: from here on nothing may throw, or BullMQ would retry and send the email twice.
    const { to, subject, requestId, outboxId, outboxCreatedMs, messageId } = job.data;
    if (outboxId && outboxCreatedMs !== undefined) {
      await this.outbox.markDelivered(outboxId, outboxCreatedMs).catch((error: unknown) =>
        // The row stays undelivered; the relay's overdue pass finds this job completed and
        // records the delivery then.
        this.logger.warn({ err: error, jobId: job.id, requestId }, 'Could not record an email as delivered'),
      );
    }
    // The body (a reset token, a code) need not sit in Redis for the completed-jobs window.
    await job
      .updateData({ to, subject, requestId, outboxId, outboxCreatedMs, messageId, text: '' })
      .catch((error: unknown) => this.logger.warn({ err: error, jobId: job.id }, 'Could not drop a sent body'));
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.mailConcurrency;
    // run() resolves when the worker closes; it only rejects on a bug (e.g. started twice).
    this.worker.run().catch((error: unknown) => this.logger.error({ err: error }, 'Mail worker stopped'));
  }

  /**
   * Waits for the running deliveries to finish (BullMQ's `Worker.close()` without `force`) before
   * MailSender closes the SMTP pool. @nestjs/bullmq closes every worker the same way, but from its
   * global module, whose hooks run after ours; closing again there is a no-op.
   */
  async onApplicationShutdown(): Promise<void> {
    await closeWithin(this.worker, WORKER_CLOSE_GRACE_MS);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<SendMailJob> | undefined, error: Error): void {
    // Never the job data: it holds the body.
    const fields = {
      jobId: job?.id,
      attempt: job?.attemptsMade,
      attempts: job?.opts.attempts ?? 1,
      requestId: job?.data.requestId,
      error: error.message,
    };
    const retrying = job !== undefined && !job.finishedOn && job.attemptsMade < (job.opts.attempts ?? 1);
    if (retrying) this.logger.warn(fields, 'Email delivery attempt failed; will retry');
    else this.logger.error(fields, 'Email delivery failed for good; the job stays in the failed set');
  }
}
