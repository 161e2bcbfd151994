// Publishes realtime notifications to every API instance through Redis pub/sub. Callers publish
// after commit (`TransactionContext.afterCommit`), so a notification always describes saved data.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Redis } from 'ioredis';
import { redisConfig } from '../config';
import { REDIS } from '../redis/redis.constants';
import { accountsChannel, NotificationEvent, notificationsChannel, toPublished } from './notification-event';

/** While Redis is away, one warning per this interval (with the count dropped), not one per event. */
const WARN_INTERVAL_MS = 30_000;

@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);
  private readonly channel: string;
  private readonly accounts: string;
  private lastWarningAt = 0;
  private droppedSinceWarning = 0;

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
    await this.send(this.accounts, String(id));
  }

  private async send(channel: string, message: string): Promise<void> {
    try {
      await this.redis.publish(channel, message);
    } catch (error) {
      this.droppedSinceWarning++;
      const now = Date.now();
      if (now - this.lastWarningAt < WARN_INTERVAL_MS) return;
      this.logger.warn(
        { err: error, dropped: this.droppedSinceWarning },
        'Realtime and account-change messages are not being published (Redis unavailable); dropping them',
      );
      this.lastWarningAt = now;
      this.droppedSinceWarning = 0;
    }
  }
}
