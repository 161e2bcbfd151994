import { Module } from '@nestjs/common';
import { TicketRepositoryModule } from '../tickets/ticket-repository.module';
import { AttachmentIntake } from './attachment-intake';
import { AttachmentStoreModule } from './attachment-store.module';
import { AttachmentsService } from './attachments.service';

/**
 * Attachments without the API's routes: AttachmentIntake (files that arrive by email, and the
 * upload route's storing) and AttachmentsService (what comments ask of attachments). The routes
 * (AttachmentsModule) and the email channel, which runs in the worker too, build on it.
 */
@Module({
  imports: [AttachmentStoreModule, TicketRepositoryModule],
  providers: [AttachmentIntake, AttachmentsService],
  exports: [AttachmentIntake, AttachmentsService],
})
export class AttachmentIntakeModule {}
