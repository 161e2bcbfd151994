// The webhooks admin API: CRUD, secrets (shown once, stored encrypted, rotated), target checks
// (form, private addresses with and without WEBHOOK_ALLOW_PRIVATE_TARGETS), admin-only access,
// the delivery log, ping and redeliver. Delivery itself is in the pipeline's specs.
import { webhookConfig, WebhookConfig } from '../../src/config';
import { decryptSecret } from '../../src/webhooks/webhook-secrets';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { makeWebhookDelivery, markWebhookDeactivatedByDelivery } from '../factories/webhooks';
import { expectError } from '../support/assertions';
import { startTestApp, TestApp } from '../support/test-app';

const BASE = '/api/v1/webhooks';
/** A public address: literal, so no test depends on DNS. */
const PUBLIC_URL = 'https://93.184.216.34/hooks/helpdesk';
const PRIVATE_URLS = [
  'http://127.0.0.1:9/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:7f00:1]/',
  'http://169.254.169.254/latest/meta-data/',
  'http://10.0.0.1/',
  'http://[::1]/',
  'http://[fd00:ec2::254]/',
  'http://0x7f000001/', // 127.0.0.1 in a form the URL parser normalizes
  'http://localhost:3000/',
];

interface WebhookBody {
  id: number;
  url: string;
  events: string[];
  description: string | null;
  active: boolean;
  include_internal: boolean;
  deactivated_reason: string | null;
  failing_since: string | null;
  created_at: string;
  updated_at: string;
  secret?: string;
}

describe('webhooks admin API', () => {
  let strict: TestApp;
  let t: TestApp; // the same database, with WEBHOOK_ALLOW_PRIVATE_TARGETS=true
  let admin: TestUser;
  let agent: TestUser;
  let requester: TestUser;

  beforeAll(async () => {
    strict = await startTestApp();
    // Booted last, so its JWT strategy serves both (see startTestApp); closed last.
    t = await startTestApp({ databaseUrl: strict.databaseUrl, env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } });
    [admin, agent, requester] = await Promise.all([makeAdmin(strict), makeAgent(strict), makeUser(strict)]);
  });
  afterAll(async () => {
    await strict.close();
    await t.close();
  });

  const create = (body: object, app: TestApp = strict, who: TestUser = admin) =>
    app.http.post(BASE, body, { token: who.token });
  const createOk = async (body: object = {}): Promise<WebhookBody & { secret: string }> => {
    const res = await create({ url: PUBLIC_URL, events: ['ticket.created'], ...body });
    if (res.status !== 201) throw new Error(`webhook create failed: ${res.status} ${res.text}`);
    return res.body;
  };
  const storedRow = async (id: number) =>
    (await strict.dataSource.query(`SELECT * FROM webhooks WHERE id = $1`, [id]))[0] as
      { secret_encrypted: string; url: string; created_by: number } | undefined;
  const secretKey = () => strict.app.get<WebhookConfig>(webhookConfig.KEY).secretKey;

  describe('CRUD and secrets', () => {
    it('creates a hook with the contract defaults and its secret, shown in this answer only', async () => {
      const res = await create({ url: PUBLIC_URL, events: ['ticket.created', 'comment.created'] });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(Number),
        url: PUBLIC_URL,
        events: ['ticket.created', 'comment.created'],
        description: null,
        active: true,
        include_internal: false,
        deactivated_reason: null,
        failing_since: null,
        created_at: expect.any(String),
        updated_at: expect.any(String),
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/),
      });
      const { secret, ...hook } = res.body as WebhookBody & { secret: string };
      const raw = Buffer.from(secret.slice('whsec_'.length), 'base64');
      expect(raw.length).toBeGreaterThanOrEqual(24);
      expect(raw.length).toBeLessThanOrEqual(64);

      const got = await strict.http.get(`${BASE}/${hook.id}`, { token: admin.token });
      expect(got.status).toBe(200);
      expect(got.body).toEqual(hook);
      const list = await strict.http.get(`${BASE}?limit=100`, { token: admin.token });
      expect(list.body.items.find((h: WebhookBody) => h.id === hook.id)).toEqual(hook);
      for (const text of [got.text, list.text]) {
        expect(text).not.toContain(secret.slice('whsec_'.length));
        expect(text).not.toContain('secret');
      }
    });

    it('stores the secret only encrypted under the configured key', async () => {
      const hook = await createOk();
      const row = (await storedRow(hook.id))!;
      expect(row.secret_encrypted).not.toContain(hook.secret);
      expect(row.secret_encrypted).not.toContain(hook.secret.slice('whsec_'.length));
      expect(row.secret_encrypted).not.toContain(Buffer.from(hook.secret).toString('base64'));
      expect(decryptSecret(secretKey(), row.secret_encrypted)).toBe(hook.secret);
      expect(row.created_by).toBe(admin.user.id);
    });

    it('rotates the secret: 200 with a new one, stored encrypted, never shown again', async () => {
      const hook = await createOk();
      const before = (await storedRow(hook.id))!.secret_encrypted;
      const res = await strict.http.post(`${BASE}/${hook.id}/rotate-secret`, undefined, { token: admin.token });
      expect(res.status).toBe(200);
      const { secret, ...rest } = res.body as WebhookBody & { secret: string };
      expect(secret).toMatch(/^whsec_/);
      expect(secret).not.toBe(hook.secret);
      expect(rest).toMatchObject({ id: hook.id, url: hook.url, events: hook.events });
      const after = (await storedRow(hook.id))!.secret_encrypted;
      expect(after).not.toBe(before);
      expect(after).not.toContain(secret.slice('whsec_'.length));
      expect(decryptSecret(secretKey(), after)).toBe(secret);
      const got = await strict.http.get(`${BASE}/${hook.id}`, { token: admin.token });
      expect(got.body).not.toHaveProperty('secret');
      expect(got.text).not.toContain(secret.slice('whsec_'.length));
    });

    it('takes every field on create, normalizes the URL and drops duplicate events', async () => {
      const res = await create({
        url: 'HTTPS://93.184.216.34:443/Path?q=1',
        events: ['sla.breached', 'ticket.created', 'sla.breached'],
        description: 'CRM sync',
        active: false,
        include_internal: true,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        url: 'https://93.184.216.34/Path?q=1',
        events: ['sla.breached', 'ticket.created'],
        description: 'CRM sync',
        active: false,
        include_internal: true,
      });
      const all = await create({ url: PUBLIC_URL, events: ['*'] });
      expect(all.status).toBe(201);
      expect(all.body.events).toEqual(['*']);
    });

    it('updates any subset and checks a new URL as at creation', async () => {
      const hook = await createOk({ description: 'old' });
      const path = `${BASE}/${hook.id}`;
      const res = await strict.http.patch(
        path,
        { url: 'https://8.8.8.8/new', events: ['*'], description: null, active: false, include_internal: true },
        { token: admin.token },
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: hook.id,
        url: 'https://8.8.8.8/new',
        events: ['*'],
        description: null,
        active: false,
        include_internal: true,
      });
      expect(res.body).not.toHaveProperty('secret');
      expect(new Date(res.body.updated_at).getTime()).toBeGreaterThanOrEqual(new Date(hook.updated_at).getTime());
      const empty = await strict.http.patch(path, {}, { token: admin.token });
      expect(empty.status).toBe(200);
      expect(empty.body).toEqual(res.body);

      const refused = await strict.http.patch(path, { url: 'http://127.0.0.1:9/' }, { token: admin.token });
      expectError(refused, 400, 'VALIDATION_FAILED');
      expect(refused.body.error.details.url[0]).toMatch(/loopback, private, link-local or metadata/);
      expect((await storedRow(hook.id))!.url).toBe('https://8.8.8.8/new');
      // The secret is not a field of the hook: it changes only by rotation.
      expectError(
        await strict.http.patch(path, { secret: 'whsec_AAAA' }, { token: admin.token }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('switching a deactivated hook back on clears why and since when it failed', async () => {
      const hook = await createOk();
      await markWebhookDeactivatedByDelivery(strict, hook.id, 'the receiver answered 410 Gone');
      const got = await strict.http.get(`${BASE}/${hook.id}`, { token: admin.token });
      expect(got.body).toMatchObject({
        active: false,
        deactivated_reason: 'the receiver answered 410 Gone',
        failing_since: expect.any(String),
      });
      const res = await strict.http.patch(`${BASE}/${hook.id}`, { active: true }, { token: admin.token });
      expect(res.body).toMatchObject({ active: true, deactivated_reason: null, failing_since: null });
    });

    it('deletes with 204, its delivery log with it, then answers 404', async () => {
      const hook = await createOk();
      await makeWebhookDelivery(strict, hook.id);
      const res = await strict.http.delete(`${BASE}/${hook.id}`, { token: admin.token });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      const [{ n }] = await strict.dataSource.query(
        `SELECT count(*)::int AS n FROM webhook_deliveries WHERE webhook_id = $1`,
        [hook.id],
      );
      expect(n).toBe(0);
      expectError(await strict.http.get(`${BASE}/${hook.id}`, { token: admin.token }), 404, 'NOT_FOUND');
      expectError(await strict.http.delete(`${BASE}/${hook.id}`, { token: admin.token }), 404, 'NOT_FOUND');
    });

    it('lists newest first, paginated', async () => {
      const [a, b, c] = [await createOk(), await createOk(), await createOk()];
      const page = await strict.http.get(`${BASE}?limit=2`, { token: admin.token });
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ total_capped: false, limit: 2, offset: 0, next_offset: 2 });
      expect(page.body.items.map((h: WebhookBody) => h.id)).toEqual([c.id, b.id]);
      const next = await strict.http.get(`${BASE}?limit=2&offset=2`, { token: admin.token });
      expect(next.body.items[0].id).toBe(a.id);
      expect(page.body.total).toBe(next.body.total);
      for (const query of ['limit=0', 'limit=101', 'offset=-1', 'offset=10001', 'active=true']) {
        expectError(await strict.http.get(`${BASE}?${query}`, { token: admin.token }), 400, 'VALIDATION_FAILED');
      }
    });
  });

  describe('validation', () => {
    const refused = async (body: object, field: string, app: TestApp = strict) => {
      const res = await create(body, app);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.error.details)).toContain(field);
      return res.body.error.details[field] as string[];
    };

    it.each([
      ['not http(s)', 'ftp://93.184.216.34/hook', /http or https/],
      ['a script', 'javascript:alert(1)', /http or https/],
      ['a file', 'file:///etc/passwd', /http or https/],
      ['with a user and password', 'https://user:pass@93.184.216.34/hook', /credentials/],
      ['with a user', 'https://token@93.184.216.34/hook', /credentials/],
      ['not a URL', 'not a url', /absolute http\(s\) URL/],
      ['relative', '/relative/path', /absolute http\(s\) URL/],
      ['empty', '', /absolute http\(s\) URL/],
      ['over 2000 characters', `https://93.184.216.34/${'a'.repeat(2000)}`, /at most 2000 characters/],
    ])('refuses a URL %s', async (_label, url, message) => {
      const [problem] = await refused({ url, events: ['ticket.created'] }, 'url');
      expect(problem).toMatch(message);
    });

    it('refuses a URL that only grows past 2000 characters once normalized', async () => {
      const [problem] = await refused({ url: `https://93.184.216.34/${'é'.repeat(1000)}`, events: ['*'] }, 'url');
      expect(problem).toMatch(/at most 2000 characters/);
    });

    it('refuses a URL of another type, and a missing one', async () => {
      await refused({ url: 42, events: ['*'] }, 'url');
      await refused({ events: ['*'] }, 'url');
    });

    it('names the unknown event types', async () => {
      const [problem] = await refused({ url: PUBLIC_URL, events: ['ticket.created', 'ticket.exploded'] }, 'events');
      expect(problem).toContain('"ticket.exploded"');
      expect(problem).not.toContain('"ticket.created"');
    });

    it.each([
      [[], /should not be empty/],
      [['*', 'ticket.created'], /"\*" must be the only entry/],
      [['*', '*'], /"\*" must be the only entry/],
      [Array(21).fill('ticket.created'), /no more than 20/],
      [[1], /string/],
      ['ticket.created', /array/],
      [null, /array/],
    ])('refuses events %j', async (events, message) => {
      const problems = await refused({ url: PUBLIC_URL, events }, 'events');
      expect(problems.join('; ')).toMatch(message);
    });

    it('refuses a long description, non-boolean flags, null flags and unknown fields', async () => {
      const ok = { url: PUBLIC_URL, events: ['*'] };
      await refused({ ...ok, description: 'x'.repeat(501) }, 'description');
      await refused({ ...ok, active: 'yes' }, 'active');
      await refused({ ...ok, active: null }, 'active');
      await refused({ ...ok, include_internal: 1 }, 'include_internal');
      await refused({ ...ok, secret: 'whsec_AAAA' }, 'secret');
      await refused({ ...ok, id: 5 }, 'id');
      await refused({ ...ok, deactivated_reason: null }, 'deactivated_reason');
      expect((await create({ ...ok, description: 'x'.repeat(500) })).status).toBe(201);
    });

    it.each(PRIVATE_URLS)('refuses the private target %s without WEBHOOK_ALLOW_PRIVATE_TARGETS', async (url) => {
      const [problem] = await refused({ url, events: ['*'] }, 'url');
      expect(problem).toMatch(/resolves to a loopback, private, link-local or metadata address|does not resolve/);
    });

    it.each(PRIVATE_URLS.filter((url) => !url.includes('localhost')))(
      'accepts the private target %s with WEBHOOK_ALLOW_PRIVATE_TARGETS=true',
      async (url) => {
        const res = await create({ url, events: ['*'] }, t);
        expect(res.status).toBe(201);
        expect(res.body.url).toBe(new URL(url).href);
      },
    );

    it('refuses a host that does not resolve, with or without the flag', async () => {
      for (const app of [strict, t]) {
        const [problem] = await refused({ url: 'https://nowhere.invalid/hook', events: ['*'] }, 'url', app);
        expect(problem).toMatch(/does not resolve/);
      }
    });
  });

  describe('access', () => {
    let hook: WebhookBody;
    let delivery: number;
    beforeAll(async () => {
      hook = await createOk();
      delivery = (await makeWebhookDelivery(strict, hook.id)).id;
    });

    const routes = (): Array<[string, string, unknown?]> => [
      ['POST', BASE, { url: PUBLIC_URL, events: ['*'] }],
      ['GET', BASE],
      ['GET', `${BASE}/${hook.id}`],
      ['PATCH', `${BASE}/${hook.id}`, { description: 'mine' }],
      ['DELETE', `${BASE}/${hook.id}`],
      ['POST', `${BASE}/${hook.id}/rotate-secret`],
      ['POST', `${BASE}/${hook.id}/ping`],
      ['GET', `${BASE}/${hook.id}/deliveries`],
      ['POST', `${BASE}/${hook.id}/deliveries/${delivery}/redeliver`],
    ];

    it('refuses agents and requesters with 403 on every route, anonymous callers with 401, and changes nothing', async () => {
      const snapshot = async () => ({
        hooks: await strict.dataSource.query(`SELECT * FROM webhooks ORDER BY id`),
        messages: await strict.dataSource.query(`SELECT count(*)::int AS n FROM webhook_messages`),
        deliveries: await strict.dataSource.query(`SELECT * FROM webhook_deliveries ORDER BY id`),
      });
      const before = await snapshot();
      for (const [method, path, body] of routes()) {
        for (const who of [agent, requester]) {
          const res = await strict.http.request(method, path, body, { token: who.token });
          expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
          expectError(res, 403, 'FORBIDDEN');
        }
        expectError(await strict.http.request(method, path, body), 401, 'UNAUTHENTICATED');
      }
      expect(await snapshot()).toEqual(before);
    });

    it.each(['2147483000', '0', 'abc', '99999999999', '1e3'])(
      'answers webhook id %j with 404 on every route',
      async (id) => {
        for (const [method, path, body] of routes().slice(2)) {
          const res = await strict.http.request(method, path.replace(`/${hook.id}`, `/${id}`), body, {
            token: admin.token,
          });
          expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
          expectError(res, 404, 'NOT_FOUND');
        }
      },
    );
  });

  describe('delivery log', () => {
    let hook: WebhookBody;
    let other: WebhookBody;
    let deliveries: Array<{ id: number; messageId: string }>;

    beforeAll(async () => {
      [hook, other] = [await createOk(), await createOk()];
      deliveries = [
        await makeWebhookDelivery(strict, hook.id, { status: 'delivered', lastStatusCode: 204 }),
        await makeWebhookDelivery(strict, hook.id, {
          eventType: 'comment.created',
          status: 'failed',
          attempts: 9,
          lastStatusCode: 500,
          lastError: 'HTTP 500',
        }),
        await makeWebhookDelivery(strict, hook.id, { eventType: 'sla.breached' }),
      ];
      await makeWebhookDelivery(strict, other.id);
    });

    const list = async (query = '', id = hook.id) => {
      const res = await strict.http.get(`${BASE}/${id}/deliveries${query}`, { token: admin.token });
      expect(res.status).toBe(200);
      return res.body;
    };

    it('lists the deliveries of this hook alone, newest first, in the contract shape', async () => {
      const page = await list();
      expect(page).toMatchObject({ total: 3, total_capped: false, limit: 20, offset: 0, next_offset: null });
      expect(page.items.map((d: { id: number }) => d.id)).toEqual(deliveries.map((d) => d.id).reverse());
      const [pending, failed, delivered] = page.items;
      expect(pending).toEqual({
        id: deliveries[2].id,
        webhook_id: hook.id,
        event_type: 'sla.breached',
        message_id: deliveries[2].messageId,
        status: 'pending',
        attempts: 0,
        last_status_code: null,
        last_error: null,
        next_attempt_at: expect.any(String),
        delivered_at: null,
        created_at: expect.any(String),
      });
      expect(Number.isInteger(pending.id)).toBe(true);
      expect(failed).toMatchObject({
        event_type: 'comment.created',
        status: 'failed',
        attempts: 9,
        last_status_code: 500,
        last_error: 'HTTP 500',
        next_attempt_at: null,
        delivered_at: null,
      });
      expect(delivered).toMatchObject({
        status: 'delivered',
        last_status_code: 204,
        next_attempt_at: null,
        delivered_at: expect.any(String),
      });
    });

    it('pages and filters by status', async () => {
      const first = await list('?limit=2');
      expect(first).toMatchObject({ total: 3, next_offset: 2 });
      expect(first.items).toHaveLength(2);
      const rest = await list('?limit=2&offset=2');
      expect(rest).toMatchObject({ total: 3, next_offset: null });
      expect(rest.items.map((d: { id: number }) => d.id)).toEqual([deliveries[0].id]);
      const failed = await list('?status=failed');
      expect(failed.items.map((d: { id: number }) => d.id)).toEqual([deliveries[1].id]);
      expect((await list('', other.id)).total).toBe(1);
      for (const query of ['?limit=101', '?offset=-1', '?status=lost', '?event_type=x']) {
        const res = await strict.http.get(`${BASE}/${hook.id}/deliveries${query}`, { token: admin.token });
        expectError(res, 400, 'VALIDATION_FAILED');
      }
    });

    it("answers 404 to redeliver an unknown delivery or another hook's", async () => {
      const theirs = (await list('', other.id)).items[0].id;
      for (const id of ['9007199254740991', String(theirs), 'abc', '0', '99999999999999999999', '1.5']) {
        const res = await strict.http.post(`${BASE}/${hook.id}/deliveries/${id}/redeliver`, undefined, {
          token: admin.token,
        });
        expect({ id, status: res.status }).toEqual({ id, status: 404 });
        expectError(res, 404, 'NOT_FOUND');
      }
    });

    // Needs the delivery pipeline's WebhookDispatcher (the stub throws "not implemented": 500).
    it('[dispatcher] redelivers a delivery: 202 with it, the same webhook-id', async () => {
      const failed = deliveries[1];
      const res = await strict.http.post(`${BASE}/${hook.id}/deliveries/${failed.id}/redeliver`, undefined, {
        token: admin.token,
      });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ id: failed.id, webhook_id: hook.id, message_id: failed.messageId });
      const [{ n }] = await strict.dataSource.query(
        `SELECT count(*)::int AS n FROM webhook_deliveries WHERE id = $1 AND webhook_id = $2`,
        [failed.id, hook.id],
      );
      expect(n).toBe(1);
    });

    // Needs the delivery pipeline's WebhookDispatcher (the stub throws "not implemented": 500).
    it('[dispatcher] pings: 202 with the message id, written to the outbox', async () => {
      const res = await strict.http.post(`${BASE}/${hook.id}/ping`, undefined, { token: admin.token });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ message_id: expect.any(String) });
      const rows = await strict.dataSource.query(`SELECT event_type FROM webhook_messages WHERE message_id = $1`, [
        res.body.message_id,
      ]);
      expect(rows).toEqual([{ event_type: 'webhook.ping' }]);
    });
  });
});
