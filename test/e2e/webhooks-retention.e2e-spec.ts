// The daily purge of the webhook delivery log: finished messages older than the retention go with
// their deliveries; pending ones and recent ones stay.
import { WebhookRetention, WEBHOOK_LOG_RETENTION_DAYS } from '../../src/webhooks/webhook-retention';
import { makeWebhook, makeWebhookDelivery } from '../factories/webhooks';
import { startTestApp, TestApp } from '../support/test-app';

describe('webhook log retention', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ workers: true, env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } });
  });
  afterAll(() => t.close());

  const relayedAgo = (messageId: string, days: number) =>
    t.dataSource.query(
      `UPDATE webhook_messages SET relayed_at = now() - make_interval(days => $2) WHERE message_id = $1`,
      [messageId, days],
    );
  const exists = async (deliveryId: number) =>
    (await t.dataSource.query(`SELECT 1 FROM webhook_deliveries WHERE id = $1`, [deliveryId])).length === 1;

  it('deletes finished messages past the retention with their deliveries, and keeps the rest', async () => {
    // Inactive: no delivery attempt may change the rows under the test.
    const hook = await makeWebhook(t, { url: 'http://127.0.0.1:9/hook', active: false });
    const oldDelivered = await makeWebhookDelivery(t, hook.id, { status: 'delivered' });
    const oldFailed = await makeWebhookDelivery(t, hook.id, { status: 'failed' });
    const oldPending = await makeWebhookDelivery(t, hook.id, { status: 'pending' });
    const recent = await makeWebhookDelivery(t, hook.id, { status: 'delivered' });
    for (const old of [oldDelivered, oldFailed, oldPending])
      await relayedAgo(old.messageId, WEBHOOK_LOG_RETENTION_DAYS + 1);
    await relayedAgo(recent.messageId, WEBHOOK_LOG_RETENTION_DAYS - 1);

    const purged = await t.app.get(WebhookRetention, { strict: false }).purgeOlderThan(WEBHOOK_LOG_RETENTION_DAYS);

    expect(purged).toBe(2);
    expect(await exists(oldDelivered.id)).toBe(false);
    expect(await exists(oldFailed.id)).toBe(false);
    expect(await exists(oldPending.id)).toBe(true);
    expect(await exists(recent.id)).toBe(true);
  });
});
