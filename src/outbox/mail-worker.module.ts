import { Module } from '@nestjs/common';
import { OutboxModule } from './outbox.module';
import { MailSender } from '../mail/mail-sender';
import { MailModule } from '../mail/mail.module';
import { MailProcessor } from './mail.processor';

/** The mail queue's consumer: part of WorkersModule, so it runs wherever the workers run. */
@Module({
  // Registers the mail queue, whose connection and prefix the processor's worker reuses.
  imports: [MailModule, OutboxModule],
  providers: [MailProcessor, MailSender],
})
export class MailWorkerModule {}
