import { Global, Module } from '@nestjs/common';
import { WebhookDispatchModule } from './webhook-dispatch.module';
import { WebhookOutbox } from './webhook-outbox';

/**
 * Registers the webhook outbox as a ticket event sink, in every process (imported by CoreModule):
 * the API records events, and so does the worker (escalations, email).
 */
@Global()
@Module({
  imports: [WebhookDispatchModule],
  providers: [WebhookOutbox],
})
export class WebhookOutboxModule {}
