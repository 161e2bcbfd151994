// What the admin API asks of delivery: a ping to one hook, and another attempt of a delivery.
// (Stub: implemented by the delivery pipeline.)
import { Injectable } from '@nestjs/common';

@Injectable()
export class WebhookDispatcher {
  /** Queues a `webhook.ping` message to hook `webhookId` alone; its message id (the `webhook-id`). */
  ping(webhookId: number): Promise<{ messageId: string }> {
    throw new Error(`not implemented: ping ${webhookId}`);
  }

  /**
   * Queues delivery `deliveryId` of hook `webhookId` again (same `webhook-id`), whatever its status;
   * false when the hook has no such delivery.
   */
  redeliver(webhookId: number, deliveryId: string): Promise<boolean> {
    throw new Error(`not implemented: redeliver ${webhookId}/${deliveryId}`);
  }
}
