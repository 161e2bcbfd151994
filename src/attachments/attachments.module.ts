import { Global, Module } from '@nestjs/common';
import { TICKET_ATTACHMENTS } from '../tickets/read/ticket-attachments';
import { TicketRepositoryModule } from '../tickets/ticket-repository.module';
import { UserDirectoryModule } from '../users/user-directory.module';
import { AttachmentDownloadService } from './attachment-download.service';
import { AttachmentIntakeModule } from './attachment-intake.module';
import { AttachmentStoreModule } from './attachment-store.module';
import { AttachmentUploadService } from './attachment-upload.service';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';

/**
 * The API's attachment routes, AttachmentsService for comments, and the `TICKET_ATTACHMENTS` port
 * GET /tickets/:id shows a ticket's files through. Global so that the port reaches TicketsModule
 * without tickets importing this module (attachments sit a layer above tickets).
 */
@Global()
@Module({
  imports: [AttachmentStoreModule, AttachmentIntakeModule, TicketRepositoryModule, UserDirectoryModule],
  controllers: [AttachmentsController],
  providers: [
    AttachmentUploadService,
    AttachmentDownloadService,
    { provide: TICKET_ATTACHMENTS, useExisting: AttachmentsService },
  ],
  exports: [AttachmentIntakeModule, TICKET_ATTACHMENTS],
})
export class AttachmentsModule {}
