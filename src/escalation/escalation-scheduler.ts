import { InjectQueue } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Queue } from 'bullmq';
import { workerConfig } from '../config';
import { EscalationQueueJob, JOBS, QUEUES, SLA_SWEEP_JOB_OPTIONS, SLA_SWEEP_SCHEDULER_ID } from '../queues/queues';

/** How often, at most, a worker checks that the schedule is still in Redis. */
const MAX_CHECK_INTERVAL_MS = 30_000;

/**
 * Registers the sweep's BullMQ job scheduler when a worker starts. The schedule lives in Redis, so
 * however many workers run, one sweep job is produced per interval and one worker takes it; each
 * worker upserts the same scheduler id at start (the last one's SLA_SWEEP_INTERVAL_SECONDS wins),
 * and an API started with WORKER_IN_PROCESS=false registers nothing. The first sweep runs at once.
 *
 * Redis restarted without persistence, or flushed, forgets the schedule; nothing would sweep again
 * until a worker restarted, and breached tickets would wait forever. So every worker also checks,
 * every sweep interval (at most every 30 s), that the scheduler still exists, and registers it
 * again if not: the sweep then re-creates whatever escalate jobs were lost with it.
 */
@Injectable()
export class EscalationScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EscalationScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(
    @InjectQueue(QUEUES.ESCALATION) private readonly queue: Queue<EscalationQueueJob>,
    @Inject(workerConfig.KEY) private readonly config: ConfigType<typeof workerConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.register();
    this.logger.log(`Queue workers running; SLA sweep every ${this.config.slaSweepIntervalSeconds} s`);
    const every = Math.min(this.config.slaSweepIntervalSeconds * 1000, MAX_CHECK_INTERVAL_MS);
    this.timer = setInterval(() => void this.ensureRegistered(), every);
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /**
   * Registers the scheduler again if Redis lost it. Never throws. While Redis is away, BullMQ's
   * connection holds the command until it is back: one check waits, and the timer adds no more.
   */
  async ensureRegistered(): Promise<boolean> {
    if (this.checking) return false;
    this.checking = true;
    try {
      if (await this.queue.getJobScheduler(SLA_SWEEP_SCHEDULER_ID)) return false;
      await this.register();
      this.logger.warn('The SLA sweep schedule was missing from Redis (restarted or flushed); registered it again');
      return true;
    } catch {
      return false; // health reports Redis; the next check tries again
    } finally {
      this.checking = false;
    }
  }

  private async register(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SLA_SWEEP_SCHEDULER_ID,
      { every: this.config.slaSweepIntervalSeconds * 1000 },
      { name: JOBS.SLA_SWEEP, data: {}, opts: SLA_SWEEP_JOB_OPTIONS },
    );
  }
}
