import { Module } from '@nestjs/common';
import { CommentReaderModule } from '../comments/comment-reader.module';
import { OutboxModule } from '../outbox/outbox.module';
import { TicketRepositoryModule } from '../tickets/ticket-repository.module';
import { UserDirectoryModule } from '../users/user-directory.module';
import { EmailThreadRepository } from './email-thread.repository';
import { ConversationMailer } from './outbound/conversation-mailer';

/**
 * The outbound side of the email channel, in every process (imported by CoreModule): it registers
 * as a ticket event sink, so a public staff reply or a resolution recorded anywhere is mailed to
 * the requester in the transaction that recorded it.
 */
@Module({
  imports: [OutboxModule, TicketRepositoryModule, UserDirectoryModule, CommentReaderModule],
  providers: [EmailThreadRepository, ConversationMailer],
  exports: [EmailThreadRepository, ConversationMailer],
})
export class EmailOutboundModule {}
