import { Module } from '@nestjs/common';
import { CommentWriterModule } from './comment-writer.module';
import { CommentsController } from './comments.controller';

/** The API's comment routes, on CommentWriterModule. */
@Module({
  imports: [CommentWriterModule],
  controllers: [CommentsController],
})
export class CommentsModule {}
