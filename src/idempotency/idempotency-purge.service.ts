import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { TransactionContext } from '../database/transaction-context';
import { IDEMPOTENCY_TTL_HOURS } from './idempotency-store';

/** Process-local housekeeping: forget idempotency records past their 24 h. Safe to run everywhere at once. */
@Injectable()
export class IdempotencyPurgeService {
  private readonly logger = new Logger(IdempotencyPurgeService.name);

  constructor(private readonly tx: TransactionContext) {}

  @Interval(60 * 60 * 1000)
  async purge(): Promise<number> {
    try {
      const [, deleted] = (await this.tx.manager.query(
        `DELETE FROM idempotency_keys WHERE created_at < now() - interval '${IDEMPOTENCY_TTL_HOURS} hours'`,
      )) as [unknown, number];
      if (deleted) this.logger.log(`Purged ${deleted} expired idempotency records`);
      return deleted;
    } catch (error) {
      this.logger.warn(`Idempotency purge failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
