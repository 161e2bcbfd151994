import { Module } from '@nestjs/common';
import { AttachmentStoreModule } from '../attachments/attachment-store.module';
import { AccountTokensModule } from '../auth/account-tokens.module';
import { OutboxModule } from '../outbox/outbox.module';
import { SessionsModule } from '../sessions/sessions.module';
import { HousekeepingService } from './housekeeping.service';

/** Timers of the worker side (see HousekeepingService; ScheduleModule is set up in CoreModule). Part of WorkersModule. */
@Module({
  imports: [SessionsModule, OutboxModule, AccountTokensModule, AttachmentStoreModule],
  providers: [HousekeepingService],
})
export class HousekeepingModule {}
