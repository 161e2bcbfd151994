// Every API instance listens on the deployment's notifications channel and hands each message to
// its own sockets: that is the fan-out across instances (and from the worker processes).
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Redis } from 'ioredis';
import { redisConfig } from '../config';
import { withTimeout } from '../common/timeout';
import { REDIS_CONNECT_TIMEOUT_MS } from '../redis/redis-connection';
import { REDIS } from '../redis/redis.constants';
import { SessionLookupCache } from '../sessions/session-lookup.cache';
import { UserLookupCache } from '../users/user-lookup.cache';
import {
  AccountMessage,
  accountsChannel,
  notificationsChannel,
  parseAccountMessage,
  parsePublished,
} from '../realtime/realtime-message';
import { NotificationsGateway } from './notifications.gateway';

@Injectable()
export class NotificationsSubscriber implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationsSubscriber.name);
  private readonly channel: string;
  private readonly accounts: string;
  private subscriber: Redis | undefined;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(redisConfig.KEY) config: ConfigType<typeof redisConfig>,
    private readonly gateway: NotificationsGateway,
    private readonly users: UserLookupCache,
    private readonly sessions: SessionLookupCache,
  ) {
    this.channel = notificationsChannel(config.keyPrefix);
    this.accounts = accountsChannel(config.keyPrefix);
  }

  /**
   * Subscribes before the app listens, so a client can never connect to an instance that would
   * miss events. A subscriber connection cannot run other commands, hence its own connection;
   * unlike the shared client it queues the SUBSCRIBE while Redis is away and re-subscribes after
   * every reconnection (ioredis' autoResubscribe), so an outage only loses the events published
   * during it.
   */
  async onApplicationBootstrap(): Promise<void> {
    const subscriber = this.redis.duplicate({
      lazyConnect: false,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    subscriber.on('error', () => undefined); // reconnection is automatic; health checks report Redis
    subscriber.on('message', (channel: string, raw: string) => {
      if (channel === this.channel) {
        const message = parsePublished(raw);
        if (message) this.gateway.deliver(message);
      } else if (channel === this.accounts) {
        const message = parseAccountMessage(raw);
        if (message) this.accountMessage(message);
      }
    });
    this.subscriber = subscriber;
    try {
      await withTimeout(subscriber.subscribe(this.channel, this.accounts), REDIS_CONNECT_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn({ err: error }, 'Realtime notifications not subscribed yet; will subscribe once Redis answers');
    }
  }

  /** Forgets what the message invalidates, then re-checks the user's sockets (which re-reads it). */
  private accountMessage(message: AccountMessage): void {
    switch (message.kind) {
      case 'account-changed':
        this.users.evict(message.userId);
        break;
      case 'session-ended':
        this.sessions.evict(message.sessionId);
        break;
      case 'sessions-ended':
        this.sessions.evictUser(message.userId);
        break;
    }
    this.gateway.recheckUser(message.userId);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (!subscriber) return;
    if (subscriber.status !== 'ready') return subscriber.disconnect();
    await withTimeout(subscriber.quit(), REDIS_CONNECT_TIMEOUT_MS).catch(() => subscriber.disconnect());
  }
}
