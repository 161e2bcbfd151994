import { Module } from '@nestjs/common';
import { CommentsModule } from '../comments/comments.module';
import { OutboxModule } from '../outbox/outbox.module';
import { TicketRepositoryModule } from '../tickets/ticket-repository.module';
import { UserDirectoryModule } from '../users/user-directory.module';
import { WebhookDeliverer } from './webhook-deliverer';
import { WebhookDispatchModule } from './webhook-dispatch.module';
import { WebhookEndpointLimiter } from './webhook-endpoint-limiter';
import { WebhookPayloads } from './webhook-payloads';
import { WebhookProcessor } from './webhook.processor';
import { WebhookRelay } from './webhook-relay';
import { WebhookScheduler } from './webhook-scheduler';

/**
 * The webhook queue's consumer (relay, sweep, deliveries) and the sweep's job scheduler: part of
 * WorkersModule, so it runs wherever the workers run. Comments (and attachments, which they
 * import) are here to present payloads as an admin reads them.
 */
@Module({
  imports: [WebhookDispatchModule, CommentsModule, OutboxModule, TicketRepositoryModule, UserDirectoryModule],
  providers: [
    WebhookProcessor,
    WebhookScheduler,
    WebhookRelay,
    WebhookPayloads,
    WebhookDeliverer,
    WebhookEndpointLimiter,
  ],
})
export class WebhookWorkerModule {}
