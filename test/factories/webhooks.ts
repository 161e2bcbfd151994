// Webhooks for tests, written straight to the table with a known secret (encrypted with the app's key).
import { webhookConfig, WebhookConfig } from '../../src/config';
import { encryptSecret, generateSecret } from '../../src/webhooks/webhook-secrets';
import { TestApp } from '../support/test-app';

export interface TestWebhook {
  id: number;
  secret: string;
}

export async function makeWebhook(
  t: TestApp,
  overrides: { url: string; events?: string[]; includeInternal?: boolean; active?: boolean },
): Promise<TestWebhook> {
  const { secretKey } = t.app.get<WebhookConfig>(webhookConfig.KEY);
  const secret = generateSecret();
  const [row]: Array<{ id: number }> = await t.dataSource.query(
    `INSERT INTO webhooks (url, events, include_internal, active, secret_encrypted)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      overrides.url,
      overrides.events ?? ['*'],
      overrides.includeInternal ?? false,
      overrides.active ?? true,
      encryptSecret(secretKey, secret),
    ],
  );
  return { id: row.id, secret };
}

export interface DeliveryState {
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  event_type: string;
}

/** The deliveries of hook `id`, oldest first. */
export async function deliveriesOf(t: TestApp, id: number): Promise<DeliveryState[]> {
  return t.dataSource.query(
    `SELECT d.status, d.attempts, d.last_status_code, d.last_error, m.event_type
       FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id
      WHERE d.webhook_id = $1 ORDER BY d.id`,
    [id],
  );
}
