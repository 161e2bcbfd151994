import { Module } from '@nestjs/common';
import { EmailInboundModule } from './email-inbound.module';

/** The SMTP listener: part of WorkersModule, so it runs wherever the workers run. */
@Module({
  imports: [EmailInboundModule],
  providers: [],
})
export class EmailWorkerModule {}
