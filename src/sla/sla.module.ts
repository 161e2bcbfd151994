import { Module } from '@nestjs/common';
import { BusinessHoursController } from './business-hours.controller';
import { BusinessHoursService } from './business-hours.service';
import { SlaPoliciesController } from './sla-policies.controller';
import { SlaPoliciesService } from './sla-policies.service';

/**
 * The SLA: policies (`/sla-policies`), the business hours they may count in (`/business-hours`), and the clock (`sla.ts`, with its SQL twin `sla-sql.ts`).
 * A leaf: tickets compute their due dates with it, escalation and reports read its predicates.
 */
@Module({
  controllers: [SlaPoliciesController, BusinessHoursController],
  providers: [SlaPoliciesService, BusinessHoursService],
  exports: [SlaPoliciesService],
})
export class SlaModule {}
