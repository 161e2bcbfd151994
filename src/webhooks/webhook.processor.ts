import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { webhookConfig } from '../config';
import { closeWithin, DeliverWebhookJob, JOBS, QUEUES, WebhookQueueJob, WORKER_CLOSE_GRACE_MS } from '../queues/queues';
import { WebhookDeliverer } from './webhook-deliverer';
import { WebhookRelay } from './webhook-relay';

/** A delivery whose hook has no free slot waits this long (plus jitter), without counting an attempt. */
const BUSY_DELAY_MS = 500;

/**
 * The webhook queue's consumer: `deliver` (one attempt of one delivery), `webhook-relay` (after a
 * commit that wrote messages) and `webhook-sweep` (from the job scheduler). Thin: the services do
 * the work; a receiver's failure is recorded by them, our own errors propagate so BullMQ retries.
 * Started in onApplicationBootstrap with WEBHOOK_CONCURRENCY, like MailProcessor.
 */
@Processor(QUEUES.WEBHOOK, { autorun: false })
export class WebhookProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookProcessor.name);

  constructor(
    private readonly deliverer: WebhookDeliverer,
    private readonly relay: WebhookRelay,
    @Inject(webhookConfig.KEY) private readonly config: ConfigType<typeof webhookConfig>,
  ) {
    super();
  }

  async process(job: Job<WebhookQueueJob>, token?: string): Promise<unknown> {
    switch (job.name) {
      case JOBS.DELIVER_WEBHOOK: {
        const { deliveryId, attempt } = job.data as DeliverWebhookJob;
        const result = await this.deliverer.attempt(deliveryId, attempt);
        if (result === 'busy') {
          // The hook's slots are taken (a slow receiver): step aside for other hooks' jobs.
          await job.moveToDelayed(Date.now() + BUSY_DELAY_MS + Math.floor(Math.random() * BUSY_DELAY_MS), token);
          throw new DelayedError();
        }
        return result;
      }
      case JOBS.RELAY_WEBHOOKS:
        return { queued: await this.relay.relay() };
      case JOBS.WEBHOOK_SWEEP:
        return this.relay.sweep();
      default:
        throw new UnrecoverableError(`Unknown webhook job name "${job.name}"`);
    }
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.concurrency;
    this.worker.run().catch((error: unknown) => this.logger.error({ err: error }, 'Webhook worker stopped'));
  }

  /** Lets running deliveries record their outcome before the pools close. */
  async beforeApplicationShutdown(): Promise<void> {
    await closeWithin(this.worker, WORKER_CLOSE_GRACE_MS);
  }

  /** The worker's own errors (Redis lost a running job's keys, a flush): logged, never left unhandled. */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ err: error }, 'Webhook worker error');
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<WebhookQueueJob> | undefined, error: Error): void {
    const fields = { jobId: job?.id, name: job?.name, attempt: job?.attemptsMade, error: error.message };
    const retrying = job !== undefined && !job.finishedOn && job.attemptsMade < (job.opts.attempts ?? 1);
    if (retrying) this.logger.warn(fields, 'Webhook job failed; will retry');
    else this.logger.error(fields, 'Webhook job failed for good; the sweep queues its delivery again');
  }
}
