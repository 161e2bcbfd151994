import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Job, UnrecoverableError } from 'bullmq';
import { workerConfig } from '../config';
import { EscalateJob, EscalationQueueJob, JOBS, QUEUES, closeWithin, WORKER_CLOSE_GRACE_MS } from '../queues/queues';
import { EscalationService } from './escalation.service';
import { SlaSweeper } from './sla-sweeper';

/**
 * A worker that crashed holds its jobs until their lock expires; then another worker's stalled-job
 * check (every STALLED_INTERVAL_MS) moves them back to the queue. Escalations take milliseconds, so
 * a short lock gets a dead worker's batch going again within seconds instead of a minute.
 */
const LOCK_DURATION_MS = 10_000;
const STALLED_INTERVAL_MS = 5_000;

/**
 * The escalation queue's consumer: `sweep` (from the job scheduler) and `escalate` (one per ticket
 * and breach kind). Thin: the services do the work and errors propagate, so BullMQ retries.
 * Started in onApplicationBootstrap with ESCALATION_CONCURRENCY, like MailProcessor.
 */
@Processor(QUEUES.ESCALATION, {
  autorun: false,
  lockDuration: LOCK_DURATION_MS,
  stalledInterval: STALLED_INTERVAL_MS,
})
export class EscalationProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EscalationProcessor.name);

  constructor(
    private readonly escalations: EscalationService,
    private readonly sweeper: SlaSweeper,
    @Inject(workerConfig.KEY) private readonly config: ConfigType<typeof workerConfig>,
  ) {
    super();
  }

  async process(job: Job<EscalationQueueJob>): Promise<unknown> {
    switch (job.name) {
      case JOBS.SLA_SWEEP:
        return this.sweeper.sweep();
      case JOBS.ESCALATE: {
        const { ticketId, kind } = job.data as EscalateJob;
        return { escalated: await this.escalations.escalate(ticketId, kind) };
      }
      default:
        throw new UnrecoverableError(`Unknown escalation job name "${job.name}"`);
    }
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.escalationConcurrency;
    this.worker.run().catch((error: unknown) => this.logger.error({ err: error }, 'Escalation worker stopped'));
  }

  /**
   * Lets running jobs finish before anything else stops: they need Postgres, and the outbox relay
   * they start must still find it open (beforeApplicationShutdown runs before every
   * onApplicationShutdown, where the pools close).
   */
  async beforeApplicationShutdown(): Promise<void> {
    await closeWithin(this.worker, WORKER_CLOSE_GRACE_MS);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<EscalationQueueJob> | undefined, error: Error): void {
    const fields = { jobId: job?.id, name: job?.name, attempt: job?.attemptsMade, error: error.message };
    const retrying = job !== undefined && !job.finishedOn && job.attemptsMade < (job.opts.attempts ?? 1);
    if (retrying) {
      this.logger.warn(fields, 'Escalation job failed; will retry');
    } else if (job?.name === JOBS.ESCALATE) {
      this.logger.error(fields, 'Escalation job failed for good; the next sweep enqueues the ticket again');
    } else {
      this.logger.error(fields, 'SLA sweep failed; the next one runs at the next interval');
    }
  }
}
