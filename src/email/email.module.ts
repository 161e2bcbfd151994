import { Module } from '@nestjs/common';
import { EmailInboundModule } from './email-inbound.module';

/** The API's side of the email channel: POST /inbound/email. */
@Module({
  imports: [EmailInboundModule],
  controllers: [],
})
export class EmailModule {}
