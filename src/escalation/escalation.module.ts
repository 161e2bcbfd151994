import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../queues/queues';

/**
 * The escalation queue, for Bull Board in the API and for the worker side
 * (`EscalationWorkerModule`, which imports this module to share the queue).
 */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.ESCALATION })],
  exports: [BullModule],
})
export class EscalationModule {}
