import { Global, Module } from '@nestjs/common';
import { RealtimePublisher } from './realtime-publisher';

/**
 * Publishing realtime notifications, for the API and the worker processes alike (the escalation
 * worker announces `ticket.escalated`). Global, like Redis and the database, because every
 * feature that changes tickets publishes. The sockets live in `NotificationsGatewayModule` (API only).
 */
@Global()
@Module({
  providers: [RealtimePublisher],
  exports: [RealtimePublisher],
})
export class RealtimeModule {}
