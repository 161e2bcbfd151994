import { Module } from '@nestjs/common';
import { AttachmentIntakeModule } from '../attachments/attachment-intake.module';
import { CommentsModule } from '../comments/comments.module';
import { TicketRepositoryModule } from '../tickets/ticket-repository.module';
import { TicketsModule } from '../tickets/tickets.module';
import { UsersModule } from '../users/users.module';
import { EmailOutboundModule } from './email-outbound.module';
import { InboundMailService } from './inbound/inbound-mail.service';

/** The one processing path of received mail, shared by the SMTP listener and the HTTP route. */
@Module({
  imports: [
    EmailOutboundModule,
    TicketsModule,
    TicketRepositoryModule,
    CommentsModule,
    UsersModule,
    AttachmentIntakeModule,
  ],
  providers: [InboundMailService],
  exports: [InboundMailService],
})
export class EmailInboundModule {}
