import { Module } from '@nestjs/common';
import { SlaPoliciesController } from './sla-policies.controller';
import { SlaPoliciesService } from './sla-policies.service';

/**
 * The SLA: policies (`/sla-policies`) and the clock (`sla.ts`, with its SQL twin `sla-sql.ts`).
 * A leaf: tickets compute their due dates with it, escalation and reports read its predicates.
 */
@Module({
  controllers: [SlaPoliciesController],
  providers: [SlaPoliciesService],
  exports: [SlaPoliciesService],
})
export class SlaModule {}
