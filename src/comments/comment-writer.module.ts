import { Module } from '@nestjs/common';
import { AttachmentIntakeModule } from '../attachments/attachment-intake.module';
import { TicketRepositoryModule } from '../tickets/ticket-repository.module';
import { UserDirectoryModule } from '../users/user-directory.module';
import { CommentsService } from './comments.service';

/**
 * Comments without the API's routes: CommentsModule builds the routes on it, and the email
 * channel, which runs in the worker too, writes comments through the same service.
 */
@Module({
  imports: [TicketRepositoryModule, UserDirectoryModule, AttachmentIntakeModule],
  providers: [CommentsService],
  exports: [CommentsService],
})
export class CommentWriterModule {}
