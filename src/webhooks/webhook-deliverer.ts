// One attempt of one delivery: load it, send it (within the hook's concurrency limit), record what
// the receiver did. Receivers' failures are recorded, never thrown; only our own errors (Postgres,
// Redis) propagate, so BullMQ retries the job.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { webhookConfig } from '../config';
import { TransactionContext } from '../database/transaction-context';
import { Metrics } from '../metrics/metrics';
import { OutboxService } from '../outbox/outbox.service';
import { UserDirectory } from '../users/user-directory';
import { webhookDeactivatedEmail } from './webhook.emails';
import { WebhookEndpointLimiter } from './webhook-endpoint-limiter';
import { WebhookQueue } from './webhook-queue';
import { decryptSecret } from './webhook-secrets';
import { SendOutcome, sendWebhook } from './webhook-sender';

/** What became of the job: sent (and recorded), skipped (nothing to do), or busy (no slot: retry soon). */
export type AttemptResult = 'delivered' | 'failed' | 'retrying' | 'skipped' | 'busy';

interface LoadedDelivery {
  id: string;
  webhook_id: number;
  status: string;
  attempts: number;
  message_id: string;
  payload: Record<string, unknown> | null;
  url: string;
  secret_encrypted: string;
  active: boolean;
}

@Injectable()
export class WebhookDeliverer {
  private readonly logger = new Logger(WebhookDeliverer.name);

  constructor(
    private readonly tx: TransactionContext,
    private readonly limiter: WebhookEndpointLimiter,
    private readonly queue: WebhookQueue,
    private readonly outbox: OutboxService,
    private readonly users: UserDirectory,
    @Inject(webhookConfig.KEY) private readonly config: ConfigType<typeof webhookConfig>,
    private readonly metrics: Metrics,
  ) {}

  /** Attempt number `attempt + 1` of delivery `deliveryId`, if it is still the one to make. */
  async attempt(deliveryId: string, attempt: number): Promise<AttemptResult> {
    const [row]: LoadedDelivery[] = await this.tx.pool.query(
      `SELECT d.id, d.webhook_id, d.status, d.attempts, m.message_id, m.payload, w.url, w.secret_encrypted, w.active
         FROM webhook_deliveries d
         JOIN webhook_messages m ON m.id = d.message_id
         JOIN webhooks w ON w.id = d.webhook_id
        WHERE d.id = $1`,
      [deliveryId],
    );
    // Gone with its hook, done, or a stale job for an attempt already made: nothing to do. A
    // deactivated hook's deliveries stay pending; the sweep queues them if it is reactivated.
    if (!row || row.status !== 'pending' || row.attempts !== attempt || !row.active || !row.payload) return 'skipped';
    const slot = await this.limiter.acquire(row.webhook_id);
    if (!slot) return 'busy';
    let outcome: SendOutcome;
    try {
      outcome = await sendWebhook({
        url: row.url,
        secret: decryptSecret(this.config.secretKey, row.secret_encrypted),
        messageId: row.message_id,
        body: JSON.stringify(row.payload),
        timeoutMs: this.config.timeoutMs,
        allowPrivateTargets: this.config.allowPrivateTargets,
      });
    } finally {
      await slot.release().catch(() => undefined); // the lease expires anyway
    }
    return this.record(row, outcome);
  }

  private async record(row: LoadedDelivery, outcome: SendOutcome): Promise<AttemptResult> {
    const { status, error } = outcome;
    const attempts = row.attempts + 1;
    if (status !== null && status >= 200 && status < 300) {
      await this.tx.begin(async (manager) => {
        await manager.query(
          `UPDATE webhook_deliveries SET status = 'delivered', attempts = $2, last_status_code = $3,
                  last_error = NULL, delivered_at = now()
            WHERE id = $1 AND status = 'pending' AND attempts = $4`,
          [row.id, attempts, status, row.attempts],
        );
        await manager.query(`UPDATE webhooks SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`, [
          row.webhook_id,
        ]);
      });
      return 'delivered';
    }
    const gone = status === 410;
    const delays = this.config.retrySeconds;
    const last = gone || attempts > delays.length;
    const result = await this.tx.begin(async (manager) => {
      const [updated]: [Array<{ next_attempt_at: Date }>, number] = await manager.query(
        `UPDATE webhook_deliveries
            SET attempts = $2, last_status_code = $3, last_error = $4,
                status = CASE WHEN $5 THEN 'failed' ELSE 'pending' END,
                next_attempt_at = CASE WHEN $5 THEN next_attempt_at ELSE now() + make_interval(secs => $6) END
          WHERE id = $1 AND status = 'pending' AND attempts = $7
         RETURNING next_attempt_at`,
        [row.id, attempts, status, error, last, last ? 0 : delays[attempts - 1], row.attempts],
      );
      if (!updated.length) return null; // recorded by another attempt (a redelivery raced this one)
      const [[hook]]: [Array<{ failing_since: Date }>, number] = await manager.query(
        `UPDATE webhooks SET failing_since = coalesce(failing_since, now()) WHERE id = $1 RETURNING failing_since`,
        [row.webhook_id],
      );
      const failingForMs = Date.now() - new Date(hook.failing_since).getTime();
      const reason = gone
        ? 'the receiver answered 410 Gone'
        : failingForMs > this.config.deactivateAfterSeconds * 1000
          ? `every delivery failed for ${Math.round(failingForMs / 3_600_000)} h`
          : null;
      if (reason) await this.deactivate(row, reason);
      return { nextAttemptAt: new Date(updated[0].next_attempt_at), deactivated: reason !== null };
    });
    if (!result) return 'skipped';
    const final = last || result.deactivated;
    this.metrics.webhookFailures.inc({ final: String(final) });
    if (final) return 'failed';
    // After commit: a job lost here is queued by the sweep.
    await this.queue.deliver([{ id: row.id, attempts, nextAttemptAt: result.nextAttemptAt }]);
    return 'retrying';
  }

  /** In the recording transaction: deactivates the hook once, and emails the active admins then. */
  private async deactivate(row: LoadedDelivery, reason: string): Promise<void> {
    const [flipped]: [unknown[], number] = await this.tx.manager.query(
      `UPDATE webhooks SET active = false, deactivated_reason = $2, updated_at = now()
        WHERE id = $1 AND active RETURNING id`,
      [row.webhook_id, reason],
    );
    if (!flipped.length) return;
    this.logger.warn({ webhookId: row.webhook_id, reason }, 'Webhook deactivated');
    const admins = (await this.users.adminsAnd(null)).filter((user) => user.isActive);
    await this.outbox.addMany(
      admins.map((admin) => ({
        message: webhookDeactivatedEmail(admin.email, { id: row.webhook_id, url: row.url, reason }),
        dedupeKey: `webhook-deactivated-${row.webhook_id}-${admin.id}-${Date.now()}`,
      })),
    );
    this.tx.afterCommit(() => this.outbox.relaySoon());
  }
}
