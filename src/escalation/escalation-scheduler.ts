import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Queue } from 'bullmq';
import { workerConfig } from '../config';
import { EscalationQueueJob, JOBS, QUEUES, SLA_SWEEP_JOB_OPTIONS, SLA_SWEEP_SCHEDULER_ID } from '../queues';

/**
 * Registers the sweep's BullMQ job scheduler when a worker starts. The schedule lives in Redis, so
 * however many workers run, one sweep job is produced per interval and one worker takes it; each
 * worker upserts the same scheduler id at start (the last one's SLA_SWEEP_INTERVAL_SECONDS wins),
 * and an API started with WORKER_IN_PROCESS=false registers nothing. The first sweep runs at once.
 */
@Injectable()
export class EscalationScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(EscalationScheduler.name);

  constructor(
    @InjectQueue(QUEUES.ESCALATION) private readonly queue: Queue<EscalationQueueJob>,
    @Inject(workerConfig.KEY) private readonly config: ConfigType<typeof workerConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SLA_SWEEP_SCHEDULER_ID,
      { every: this.config.slaSweepIntervalSeconds * 1000 },
      { name: JOBS.SLA_SWEEP, data: {}, opts: SLA_SWEEP_JOB_OPTIONS },
    );
    this.logger.log(`Queue workers running; SLA sweep every ${this.config.slaSweepIntervalSeconds} s`);
  }
}
