import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Queue } from 'bullmq';
import { webhookConfig } from '../config';
import { JOBS, QUEUES, SLA_SWEEP_JOB_OPTIONS, WEBHOOK_SWEEP_SCHEDULER_ID, WebhookQueueJob } from '../queues/queues';
import { RepeatingJobKeeper } from '../queues/repeating-job-keeper';

/**
 * The webhook sweep's job scheduler, registered when a worker starts and again when Redis lost it
 * (RepeatingJobKeeper): the sweep is what re-queues the deliveries such a Redis forgot.
 */
@Injectable()
export class WebhookScheduler extends RepeatingJobKeeper {
  constructor(
    @InjectQueue(QUEUES.WEBHOOK) queue: Queue<WebhookQueueJob>,
    @Inject(webhookConfig.KEY) config: ConfigType<typeof webhookConfig>,
  ) {
    super(
      queue,
      {
        schedulerId: WEBHOOK_SWEEP_SCHEDULER_ID,
        jobName: JOBS.WEBHOOK_SWEEP,
        everyMs: config.sweepIntervalSeconds * 1000,
        opts: SLA_SWEEP_JOB_OPTIONS,
        label: 'webhook sweep',
      },
      new Logger(WebhookScheduler.name),
    );
  }
}
