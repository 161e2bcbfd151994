import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { TicketRepositoryModule } from '../tickets/ticket-repository.module';
import { UserDirectoryModule } from '../users/user-directory.module';
import { CommentsController } from './comments.controller';
import { CommentsService } from './comments.service';

@Module({
  imports: [TicketRepositoryModule, UserDirectoryModule, AttachmentsModule],
  controllers: [CommentsController],
  providers: [CommentsService],
  // The email channel writes comments through the same service as the API.
  exports: [CommentsService],
})
export class CommentsModule {}
