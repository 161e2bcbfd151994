import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { OutboxService } from './outbox.service';

/** What a feature imports to send email from a transaction: `OutboxService.add()` then `relaySoon()`. */
@Module({
  imports: [MailModule],
  providers: [OutboxService],
  exports: [OutboxService],
})
export class OutboxModule {}
