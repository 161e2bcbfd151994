import { Global, Module } from '@nestjs/common';
import { TICKET_EVENT_SINK } from '../tickets/ticket-event-sink';
import { WebhookDispatchModule } from './webhook-dispatch.module';
import { WebhookOutbox } from './webhook-outbox';

/**
 * Provides tickets' TICKET_EVENT_SINK port with the webhook outbox, in every process (registered by
 * CoreModule): the API records events, and so does the worker (escalations).
 */
@Global()
@Module({
  imports: [WebhookDispatchModule],
  providers: [WebhookOutbox, { provide: TICKET_EVENT_SINK, useExisting: WebhookOutbox }],
  exports: [TICKET_EVENT_SINK],
})
export class WebhookOutboxModule {}
