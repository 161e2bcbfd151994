import { InjectQueue } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Queue } from 'bullmq';
import { webhookConfig } from '../config';
import { JOBS, QUEUES, SLA_SWEEP_JOB_OPTIONS, WEBHOOK_SWEEP_SCHEDULER_ID, WebhookQueueJob } from '../queues/queues';

/** How often, at most, a worker checks that the schedule is still in Redis. */
const MAX_CHECK_INTERVAL_MS = 30_000;

/**
 * Registers the webhook sweep's job scheduler when a worker starts, and registers it again when
 * Redis lost it (flushed, restarted empty), as EscalationScheduler does for the SLA sweep: the
 * sweep is what re-queues the deliveries such a Redis forgot.
 */
@Injectable()
export class WebhookScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(
    @InjectQueue(QUEUES.WEBHOOK) private readonly queue: Queue<WebhookQueueJob>,
    @Inject(webhookConfig.KEY) private readonly config: ConfigType<typeof webhookConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.register();
    const every = Math.min(this.config.sweepIntervalSeconds * 1000, MAX_CHECK_INTERVAL_MS);
    this.timer = setInterval(() => void this.ensureRegistered(), every);
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Registers the scheduler again if Redis lost it. Never throws. */
  async ensureRegistered(): Promise<boolean> {
    if (this.checking) return false;
    this.checking = true;
    try {
      if (await this.queue.getJobScheduler(WEBHOOK_SWEEP_SCHEDULER_ID)) return false;
      await this.register();
      this.logger.warn('The webhook sweep schedule was missing from Redis (restarted or flushed); registered it again');
      return true;
    } catch {
      return false; // health reports Redis; the next check tries again
    } finally {
      this.checking = false;
    }
  }

  private async register(): Promise<void> {
    await this.queue.upsertJobScheduler(
      WEBHOOK_SWEEP_SCHEDULER_ID,
      { every: this.config.sweepIntervalSeconds * 1000 },
      { name: JOBS.WEBHOOK_SWEEP, data: {}, opts: SLA_SWEEP_JOB_OPTIONS },
    );
  }
}
