import { Module } from '@nestjs/common';
import { EmailInboundModule } from './email-inbound.module';
import { InboundEmailController } from './inbound/inbound-email.controller';

/** The API's side of the email channel: POST /inbound/email. */
@Module({
  imports: [EmailInboundModule],
  controllers: [InboundEmailController],
})
export class EmailModule {}
