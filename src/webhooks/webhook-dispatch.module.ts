import { Module } from '@nestjs/common';
import { WebhookDispatcher } from './webhook-dispatcher';

/** WebhookDispatcher (and the webhook queue's producer) for the admin API. */
@Module({
  providers: [WebhookDispatcher],
  exports: [WebhookDispatcher],
})
export class WebhookDispatchModule {}
