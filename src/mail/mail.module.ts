import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../queues/queues';
import { MailService } from './mail.service';

/**
 * What feature modules import to send email: `MailService.enqueue()`. Delivery happens in the
 * workers (`MailWorkerModule`), so an SMTP outage never slows or fails a request.
 */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.MAIL })],
  providers: [MailService],
  exports: [MailService],
})
export class MailModule {}
