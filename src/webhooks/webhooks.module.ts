import { Module } from '@nestjs/common';
import { WebhookDispatchModule } from './webhook-dispatch.module';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** The webhooks admin API; delivery is WebhookDispatchModule's and the workers'. */
@Module({
  imports: [WebhookDispatchModule],
  controllers: [WebhooksController],
  providers: [WebhooksService],
})
export class WebhooksModule {}
