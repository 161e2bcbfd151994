// One receiver that hangs for 10 s per request (the real timeout, no shortcut) must not delay
// another: the per-endpoint limit keeps the hanging hook to its slots, the rest of the worker
// delivers to the healthy hook at once.
import { ServerResponse } from 'node:http';
import { makeTicket } from '../factories/tickets';
import { makeUser } from '../factories/users';
import { makeWebhook } from '../factories/webhooks';
import { waitFor } from '../support/assertions';
import { startTestApp, TestApp } from '../support/test-app';
import { startReceiver, WebhookReceiver } from '../support/webhook-receiver';

const EVENTS = 6;

describe('webhook delivery: a hanging receiver beside a prompt one', () => {
  let t: TestApp;
  const receivers: WebhookReceiver[] = [];

  afterAll(async () => {
    // Closing the receivers drops the hanging connections, so the worker's attempts end now.
    await Promise.all(receivers.map((r) => r.close()));
    await t?.close();
  });

  it('delivers to the prompt receiver within a couple of seconds while the other hangs', async () => {
    t = await startTestApp({
      workers: true,
      env: {
        WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
        // Fewer worker slots than the hanging hook has deliveries: without the per-endpoint limit,
        // its attempts would take every slot for 10 s.
        WEBHOOK_CONCURRENCY: '4',
        WEBHOOK_PER_ENDPOINT_CONCURRENCY: '2',
        WEBHOOK_TIMEOUT_MS: '10000',
      },
    });
    let inFlight = 0;
    let mostInFlight = 0;
    const hanging = await startReceiver((_request, res: ServerResponse) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      const timer = setTimeout(() => res.writeHead(200).end(), 10_000);
      res.on('close', () => {
        clearTimeout(timer);
        inFlight--;
      });
    });
    const prompt = await startReceiver();
    receivers.push(hanging, prompt);
    await makeWebhook(t, { url: hanging.url, events: ['ticket.created'] });
    await makeWebhook(t, { url: prompt.url, events: ['ticket.created'] });
    // The hanging hook's first attempts start first and hold their slots.
    const requester = await makeUser(t);
    await makeTicket(t, requester);
    await waitFor(() => hanging.received.length >= 1);
    const started = Date.now();
    for (let i = 1; i < EVENTS; i++) await makeTicket(t, requester);
    await waitFor(() => prompt.received.length === EVENTS, { timeoutMs: 5_000 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(2_500);
    expect(mostInFlight).toBeLessThanOrEqual(2);
    expect(hanging.received.length).toBeLessThanOrEqual(2);
  });
});
