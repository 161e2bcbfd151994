// Keeps one BullMQ job scheduler (a repeating sweep) registered in Redis: at start, and again
// whenever Redis lost it. Shared by the SLA sweep and the webhook sweep.
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';

/** How often, at most, a worker checks that the schedule is still in Redis. */
const MAX_CHECK_INTERVAL_MS = 30_000;

export interface RepeatingJob {
  /** The scheduler id: the same in every worker, so however many run, one job is produced per interval. */
  schedulerId: string;
  jobName: string;
  everyMs: number;
  opts: JobsOptions;
  /** For the log line when it had to be registered again, e.g. "SLA sweep". */
  label: string;
}

/**
 * Each worker upserts the same scheduler id at start (the last one's interval wins); the first job
 * runs at once. Redis restarted without persistence, or flushed, forgets the schedule, and nothing
 * would run again until a worker restarted; so every worker also checks, every interval (at most
 * every 30 s), that the scheduler still exists, and registers it again if not.
 */
export abstract class RepeatingJobKeeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  protected constructor(
    private readonly queue: Queue,
    private readonly job: RepeatingJob,
    protected readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.register();
    this.timer = setInterval(() => void this.ensureRegistered(), Math.min(this.job.everyMs, MAX_CHECK_INTERVAL_MS));
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
      if (await this.queue.getJobScheduler(this.job.schedulerId)) return false;
      await this.register();
      this.logger.warn(
        `The ${this.job.label} schedule was missing from Redis (restarted or flushed); registered it again`,
      );
      return true;
    } catch {
      return false; // health reports Redis; the next check tries again
    } finally {
      this.checking = false;
    }
  }

  private async register(): Promise<void> {
    await this.queue.upsertJobScheduler(
      this.job.schedulerId,
      { every: this.job.everyMs },
      { name: this.job.jobName, data: {}, opts: this.job.opts },
    );
  }
}
