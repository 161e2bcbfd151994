import { Module } from '@nestjs/common';
import { AttachmentIntakeModule } from '../attachments/attachment-intake.module';
import { CommentWriterModule } from '../comments/comment-writer.module';
import { TicketRepositoryModule } from '../tickets/ticket-repository.module';
import { TicketWriterModule } from '../tickets/ticket-writer.module';
import { UsersModule } from '../users/users.module';
import { EmailOutboundModule } from './email-outbound.module';
import { InboundMailService } from './inbound/inbound-mail.service';

/** The one processing path of received mail, shared by the SMTP listener and the HTTP route. */
@Module({
  imports: [
    EmailOutboundModule,
    TicketWriterModule,
    TicketRepositoryModule,
    CommentWriterModule,
    UsersModule,
    AttachmentIntakeModule,
  ],
  providers: [InboundMailService],
  exports: [InboundMailService],
})
export class EmailInboundModule {}
