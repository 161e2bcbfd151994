import { Module } from '@nestjs/common';
import { AutomationRunner } from './automation-runner';

/** The worker's side of automations: the runner the SLA sweep calls. */
@Module({
  providers: [AutomationRunner],
  exports: [AutomationRunner],
})
export class AutomationWorkerModule {}
