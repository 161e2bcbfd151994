import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QUEUES } from '../queues';
import { SlaPoliciesController } from './sla-policies.controller';
import { SlaPoliciesService } from './sla-policies.service';
import { SlaPolicy } from './sla-policy.entity';

/**
 * The API side of the SLA: `/sla-policies`, and the escalation queue (for Bull Board, and for the
 * worker side, `EscalationWorkerModule`, which imports this module to share the queue).
 */
@Module({
  imports: [TypeOrmModule.forFeature([SlaPolicy]), BullModule.registerQueue({ name: QUEUES.ESCALATION })],
  controllers: [SlaPoliciesController],
  providers: [SlaPoliciesService],
  exports: [BullModule],
})
export class EscalationModule {}
