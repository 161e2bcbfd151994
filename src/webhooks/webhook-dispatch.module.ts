import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../queues/queues';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookQueue } from './webhook-queue';

/** The webhook queue and its producer; WebhookDispatcher (ping, redeliver) for the admin API. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.WEBHOOK })],
  providers: [WebhookDispatcher, WebhookQueue],
  exports: [WebhookDispatcher, WebhookQueue, BullModule],
})
export class WebhookDispatchModule {}
