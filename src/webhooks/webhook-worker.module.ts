import { Module } from '@nestjs/common';
import { CommentReaderModule } from '../comments/comment-reader.module';
import { OutboxModule } from '../outbox/outbox.module';
import { TicketRepositoryModule } from '../tickets/ticket-repository.module';
import { UserDirectoryModule } from '../users/user-directory.module';
import { WebhookDeliverer } from './webhook-deliverer';
import { WebhookDispatchModule } from './webhook-dispatch.module';
import { WebhookEndpointLimiter } from './webhook-endpoint-limiter';
import { WebhookPayloads } from './webhook-payloads';
import { WebhookProcessor } from './webhook.processor';
import { WebhookRelay } from './webhook-relay';
import { WebhookRetention } from './webhook-retention';
import { WebhookScheduler } from './webhook-scheduler';

/**
 * The webhook queue's consumer (relay, sweep, deliveries) and the sweep's job scheduler: part of
 * WorkersModule, so it runs wherever the workers run. The comment and attachment readers present
 * payloads as an admin reads them (CommentsModule would bring the API's routes and their needs).
 */
@Module({
  imports: [WebhookDispatchModule, CommentReaderModule, OutboxModule, TicketRepositoryModule, UserDirectoryModule],
  providers: [
    WebhookProcessor,
    WebhookScheduler,
    WebhookRelay,
    WebhookPayloads,
    WebhookDeliverer,
    WebhookEndpointLimiter,
    WebhookRetention,
  ],
})
export class WebhookWorkerModule {}
