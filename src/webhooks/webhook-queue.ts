// The webhook queue's producer: delivery jobs (one per attempt, deterministic ids) and relay nudges.
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DELIVER_WEBHOOK_JOB_OPTIONS, deliverWebhookJobId, JOBS, QUEUES, WebhookQueueJob } from '../queues/queues';
import { withTimeout } from '../common/timeout';

/** BullMQ's connection queues commands while Redis is away; callers must not hang on that. */
const ADD_TIMEOUT_MS = 3_000;

/** One attempt to queue: the delivery, how many attempts it has made, and when it is due. */
export interface DueDelivery {
  id: string;
  attempts: number;
  nextAttemptAt: Date;
}

@Injectable()
export class WebhookQueue {
  constructor(@InjectQueue(QUEUES.WEBHOOK) private readonly queue: Queue<WebhookQueueJob>) {}

  /**
   * Queues the next attempt of each delivery, delayed until it is due. Adding an attempt whose job
   * exists (waiting, delayed or running) is a no-op, so the relay, the sweep and a redelivery may
   * all ask for the same one.
   */
  async deliver(deliveries: DueDelivery[]): Promise<void> {
    if (!deliveries.length) return;
    const now = Date.now();
    await withTimeout(
      this.queue.addBulk(
        deliveries.map((delivery) => ({
          name: JOBS.DELIVER_WEBHOOK,
          data: { deliveryId: delivery.id, attempt: delivery.attempts },
          opts: {
            ...DELIVER_WEBHOOK_JOB_OPTIONS,
            jobId: deliverWebhookJobId(delivery.id, delivery.attempts),
            delay: Math.max(0, delivery.nextAttemptAt.getTime() - now),
          },
        })),
      ),
      ADD_TIMEOUT_MS,
    );
  }

  /**
   * `deliver`, and an attempt already queued for later runs now instead (a redelivery of a
   * delivery waiting for its next retry).
   */
  async deliverNow(deliveries: DueDelivery[]): Promise<void> {
    await this.deliver(deliveries);
    for (const delivery of deliveries) {
      const job = await withTimeout(
        this.queue.getJob(deliverWebhookJobId(delivery.id, delivery.attempts)),
        ADD_TIMEOUT_MS,
      );
      if (job && (await job.isDelayed())) await job.promote().catch(() => undefined); // it just ran
    }
  }

  /**
   * Asks a worker to relay the outbox now. Every nudge is a job (a deduplicated one could be
   * dropped while a relay that already passed over the new rows still runs); a relay that finds
   * nothing costs one indexed query.
   */
  async nudgeRelay(): Promise<void> {
    await withTimeout(
      this.queue.add(JOBS.RELAY_WEBHOOKS, {}, { removeOnComplete: true, removeOnFail: true, attempts: 1 }),
      ADD_TIMEOUT_MS,
    );
  }
}
