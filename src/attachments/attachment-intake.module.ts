import { Module } from '@nestjs/common';
import { TicketRepositoryModule } from '../tickets/ticket-repository.module';
import { AttachmentIntake } from './attachment-intake';
import { AttachmentStoreModule } from './attachment-store.module';

/** AttachmentIntake without the API's routes: the upload route and the email channel build on it. */
@Module({
  imports: [AttachmentStoreModule, TicketRepositoryModule],
  providers: [AttachmentIntake],
  exports: [AttachmentIntake],
})
export class AttachmentIntakeModule {}
