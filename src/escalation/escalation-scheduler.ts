import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Queue } from 'bullmq';
import { workerConfig } from '../config';
import { EscalationQueueJob, JOBS, QUEUES, SLA_SWEEP_JOB_OPTIONS, SLA_SWEEP_SCHEDULER_ID } from '../queues/queues';
import { RepeatingJobKeeper } from '../queues/repeating-job-keeper';

/**
 * The SLA sweep's job scheduler, registered when a worker starts and again whenever Redis lost it
 * (RepeatingJobKeeper); an API started with WORKER_IN_PROCESS=false registers nothing. A lost
 * schedule would leave breached tickets waiting forever; once it is back, the sweep re-creates
 * whatever escalate jobs were lost with it.
 */
@Injectable()
export class EscalationScheduler extends RepeatingJobKeeper {
  constructor(
    @InjectQueue(QUEUES.ESCALATION) queue: Queue<EscalationQueueJob>,
    @Inject(workerConfig.KEY) private readonly config: ConfigType<typeof workerConfig>,
  ) {
    super(
      queue,
      {
        schedulerId: SLA_SWEEP_SCHEDULER_ID,
        jobName: JOBS.SLA_SWEEP,
        everyMs: config.slaSweepIntervalSeconds * 1000,
        opts: SLA_SWEEP_JOB_OPTIONS,
        label: 'SLA sweep',
      },
      new Logger(EscalationScheduler.name),
    );
  }

  override async onApplicationBootstrap(): Promise<void> {
    await super.onApplicationBootstrap();
    this.logger.log(`Queue workers running; SLA sweep every ${this.config.slaSweepIntervalSeconds} s`);
  }
}
