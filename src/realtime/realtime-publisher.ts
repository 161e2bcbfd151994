// Publishes realtime notifications to every API instance through Redis pub/sub. Callers publish
// after commit (`TransactionContext.afterCommit`), so a notification always describes saved data.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Redis } from 'ioredis';
import { WarningThrottle } from '../common/logging/warning-throttle';
import { redisConfig } from '../config';
import { REDIS } from '../redis/redis.constants';
import {
  AccountMessage,
  accountsChannel,
  formatAccountMessage,
  NotificationEvent,
  notificationsChannel,
  toPublished,
} from './realtime-message';

/** While Redis is away, one warning per this interval (with the count dropped), not one per event. */
const WARN_INTERVAL_MS = 30_000;

@Injectable()
export class RealtimePublisher {
  private readonly logger = new Logger(RealtimePublisher.name);
  private readonly channel: string;
  private readonly accounts: string;
  private readonly dropWarnings = new WarningThrottle(WARN_INTERVAL_MS);
  /** Messages of the current tick, and the promise of their sending (see `send`). */
  private batch: Array<[string, string]> | null = null;
  private batchSent: Promise<void> | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(redisConfig.KEY) config: ConfigType<typeof redisConfig>,
  ) {
    this.channel = notificationsChannel(config.keyPrefix);
    this.accounts = accountsChannel(config.keyPrefix);
  }

  /**
   * Best effort, never throws: realtime is a hint to refresh, the REST API stays the truth. With
   * Redis down the event is dropped (the shared client fails fast) and a throttled warning logged.
   */
  async publish(event: NotificationEvent): Promise<void> {
    await this.send(this.channel, JSON.stringify(toPublished(event, new Date())));
  }

  /**
   * Tells every API instance that user `id` changed (deactivated, new role or name), so each
   * drops its cached copy and re-checks that user's sockets now. Best effort like `publish`:
   * without Redis, other instances catch up within their cache TTL and socket heartbeat.
   */
  async accountChanged(id: number): Promise<void> {
    await this.account({ kind: 'account-changed', userId: id });
  }

  /**
   * Tells every API instance that login sessions ended: one (`sessionId`: logout, refresh-token
   * reuse) or every session of the user (password change or reset, deactivation). Each instance
   * forgets the sessions it cached and re-checks the user's sockets. Best effort like `publish`:
   * without Redis, other instances refuse the tokens within their session cache's TTL.
   */
  async sessionsEnded(userId: number, sessionId?: string): Promise<void> {
    await this.account(
      sessionId === undefined ? { kind: 'sessions-ended', userId } : { kind: 'session-ended', userId, sessionId },
    );
  }

  private async account(message: AccountMessage): Promise<void> {
    await this.send(this.accounts, formatAccountMessage(message));
  }

  /**
   * Everything published in one tick leaves in one write: a claim of 15 tickets publishes 15 events
   * after its commit, and a socket write costs ~0.1 ms of CPU here (15 of them were a fifth of a
   * claim's API time). Resolves once the batch was sent or dropped.
   */
  private send(channel: string, message: string): Promise<void> {
    if (!this.batch) {
      const batch: Array<[string, string]> = (this.batch = []);
      this.batchSent = new Promise<void>((resolve) => process.nextTick(resolve)).then(() => {
        this.batch = null;
        return this.sendBatch(batch);
      });
    }
    this.batch.push([channel, message]);
    return this.batchSent!;
  }

  private async sendBatch(batch: Array<[string, string]>): Promise<void> {
    let failed = batch.length;
    let firstError: unknown;
    try {
      const pipeline = this.redis.pipeline();
      for (const [channel, message] of batch) pipeline.publish(channel, message);
      const results = (await pipeline.exec()) ?? [];
      failed = results.filter(([error]) => error).length + (batch.length - results.length);
      firstError = results.find(([error]) => error)?.[0];
    } catch (error) {
      firstError = error;
    }
    if (failed) this.dropped(failed, firstError);
  }

  private dropped(count: number, error: unknown): void {
    const dropped = this.dropWarnings.occurred(count);
    if (dropped === undefined) return;
    this.logger.warn(
      { err: error, dropped },
      'Realtime and account-change messages are not being published (Redis unavailable); dropping them',
    );
  }
}
