import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { SessionsModule } from '../sessions/sessions.module';
import { HousekeepingService } from './housekeeping.service';

/** Timers of the worker side (see HousekeepingService; ScheduleModule is set up in CoreModule). Part of WorkersModule. */
@Module({
  imports: [SessionsModule, OutboxModule],
  providers: [HousekeepingService],
})
export class HousekeepingModule {}
