import { Module } from '@nestjs/common';
import { AttachmentStoreModule } from '../attachments/attachment-store.module';
import { UserDirectoryModule } from '../users/user-directory.module';
import { CommentReader } from './comment-reader';

/** CommentReader alone, for the worker process (CommentsModule brings the API's routes and their needs). */
@Module({
  imports: [AttachmentStoreModule, UserDirectoryModule],
  providers: [CommentReader],
  exports: [CommentReader, AttachmentStoreModule],
})
export class CommentReaderModule {}
