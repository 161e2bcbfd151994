// The delivery log is kept for a month, then purged daily: messages relayed that long ago whose
// deliveries are all finished (delivered or failed), with their deliveries.
import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { rawRows } from '../database/raw-rows';
import { TransactionContext } from '../database/transaction-context';

export const WEBHOOK_LOG_RETENTION_DAYS = 30;

@Injectable()
export class WebhookRetention {
  private readonly logger = new Logger(WebhookRetention.name);

  constructor(private readonly tx: TransactionContext) {}

  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'purge-webhook-log', waitForCompletion: true })
  async purgeDaily(): Promise<void> {
    try {
      await this.purgeOlderThan(WEBHOOK_LOG_RETENTION_DAYS);
    } catch (error) {
      this.logger.warn({ err: error }, 'The webhook log purge failed; it runs again tomorrow');
    }
  }

  /** Deletes finished messages relayed more than `days` ago (and their deliveries); how many messages. */
  async purgeOlderThan(days: number): Promise<number> {
    const rows = rawRows<{ id: string }>(
      await this.tx.pool.query(
        `DELETE FROM webhook_messages m
          WHERE m.relayed_at < now() - make_interval(days => $1)
            AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.message_id = m.id AND d.status = 'pending')
          RETURNING m.id`,
        [days],
      ),
    );
    return rows.length;
  }
}
