import { Module } from '@nestjs/common';
import { EmailInboundModule } from './email-inbound.module';
import { InboundSmtpServer } from './inbound/inbound-smtp.server';

/** The SMTP listener: part of WorkersModule, so it runs wherever the workers run. */
@Module({
  imports: [EmailInboundModule],
  providers: [InboundSmtpServer],
  exports: [InboundSmtpServer],
})
export class EmailWorkerModule {}
