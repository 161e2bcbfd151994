// Security checks as tests: security headers and CORS, forged tokens, the admin-only and
// staff-only routes (derived from openapi.json and the controllers' @Roles), BOLA on every :id
// route, and mass assignment. Token basics (garbage, expired, another secret, alg none, tampered,
// HS512, unknown user, wrong scheme word) against /auth/me, and `role` at register (403), are in
// auth.e2e-spec.ts; these add what they do not cover.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModulesContainer } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import { ROLES } from '../../src/common/decorators/roles.decorator';
import { UserRole } from '../../src/common/user-role';
import { makeAttachment } from '../factories/attachment-uploads';
import { makeTicket } from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser, TestUser, uniqueEmail } from '../factories/users';
import { makeWebhookDelivery } from '../factories/webhooks';
import { expectError } from '../support/assertions';
import { HttpResponse } from '../support/http-client';
import { OpenApiDocument, operationsOf } from '../support/openapi-fuzz';
import { startTestApp, TestApp } from '../support/test-app';
import { sessionIdOf, signTestToken, tokenSegment, unsignedTestToken } from '../support/tokens';

const doc = JSON.parse(readFileSync(join(__dirname, '../../openapi.json'), 'utf8')) as OpenApiDocument;

/** operationId → the roles its handler allows (none: any signed-in caller), from the running app. */
function rolesByOperation(t: TestApp): Map<string, UserRole[]> {
  const out = new Map<string, UserRole[]>();
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as { prototype: Record<string, unknown> } | null;
      if (!controller) continue;
      for (const key of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[key];
        if (typeof handler !== 'function' || key === 'constructor') continue;
        const operation = Reflect.getMetadata(DECORATORS.API_OPERATION, handler) as
          { operationId?: string } | undefined;
        if (!operation?.operationId) continue;
        const roles = (Reflect.getMetadata(ROLES, handler) ??
          Reflect.getMetadata(ROLES, controller) ??
          []) as UserRole[];
        out.set(operation.operationId, roles);
      }
    }
  }
  return out;
}

describe('security', () => {
  let t: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  let requester: TestUser;
  let victim: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, agent, requester, victim] = await Promise.all([makeAdmin(t), makeAgent(t), makeUser(t), makeUser(t)]);
  });
  afterAll(() => t.close());

  const count = async (table: string, where = 'true', params: unknown[] = []): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0].n;
  const row = async (table: string, id: number): Promise<Record<string, unknown>> =>
    (await t.dataSource.query(`SELECT * FROM ${table} WHERE id = $1`, [id]))[0];

  describe('security headers', () => {
    const expectApiHeaders = (res: HttpResponse) => {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    };

    it('sets them on successes, errors and unknown routes alike', async () => {
      expectApiHeaders(await t.http.get('/api/health'));
      expectApiHeaders(await t.http.get('/api/v1/tickets', { token: requester.token }));
      expectApiHeaders(await t.http.get('/api/v1/tickets'));
      expectApiHeaders(await t.http.get('/no/such/route'));
      expectApiHeaders(await t.http.post('/api/v1/auth/login', undefined, { raw: '{' }));
      const board = await t.http.get('/admin/queues');
      expect(board.status).toBe(401);
      expect(board.headers.get('x-content-type-options')).toBe('nosniff');
      expect(board.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    });

    it('gives the pages (Swagger UI, Bull Board) a policy their markup satisfies: own scripts only, inline styles', async () => {
      const pages = [await t.http.get('/docs'), await t.http.get('/admin/queues', { token: admin.token })];
      for (const page of pages) {
        expect(page.status).toBe(200);
        const csp = page.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
        expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
        expect(csp).toContain("frame-ancestors 'none'");
        expect(page.headers.get('x-content-type-options')).toBe('nosniff');
        // Every executable script is a same-origin file (inline code would be blocked)...
        const scripts = [...page.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
        expect(scripts.length).toBeGreaterThan(0);
        for (const [, attributes, body] of scripts) {
          if (/type="application\/json"/.test(attributes)) continue;
          expect(attributes).toMatch(/src="(?!https?:|\/\/)[^"]+"/);
          expect(body.trim()).toBe('');
        }
        // ...and every stylesheet is ours or the one font host the policy allows.
        for (const [, href] of page.text.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)) {
          expect(href).toMatch(/^(?!https?:|\/\/)|^https:\/\/fonts\.googleapis\.com\//);
        }
      }
      // The files the pages load are served (under the same policy).
      expect((await t.http.get('/docs/swagger-ui-init.js')).status).toBe(200);
      expect((await t.http.get('/docs/swagger-ui-bundle.js')).status).toBe(200);
    });

    it('has CORS off by default: no CORS header for any origin, preflights not answered', async () => {
      const simple = await t.http.get('/api/health', { headers: { origin: 'https://desk.example' } });
      expect(simple.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await t.http.request('OPTIONS', '/api/v1/tickets', undefined, {
        headers: { origin: 'https://desk.example', 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    });
  });

  describe('forged and misused tokens (beyond auth.e2e-spec.ts)', () => {
    const now = () => Math.floor(Date.now() / 1000);

    it.each([
      [
        'alg none claiming admin',
        (id: number) =>
          unsignedTestToken(
            { sub: id, role: 'admin', sid: sessionIdOf(admin.token), exp: now() + 60 },
            { alg: 'none' },
          ),
      ],
      [
        'alg "None" with a signature',
        (id: number) => {
          const token = signTestToken({ sub: id, role: 'admin', sid: sessionIdOf(admin.token), exp: now() + 60 });
          return `${tokenSegment({ alg: 'None', typ: 'JWT' })}.${token.split('.')[1]}.${token.split('.')[2]}`;
        },
      ],
      [
        'another secret claiming admin',
        (id: number) =>
          signTestToken(
            { sub: id, role: 'admin', sid: sessionIdOf(admin.token), exp: now() + 60 },
            { secret: 'x'.repeat(48) },
          ),
      ],
      [
        'an expired admin token',
        (id: number) => signTestToken({ sub: id, role: 'admin', sid: sessionIdOf(admin.token), exp: now() - 5 }),
      ],
      [
        'a token not valid yet',
        (id: number) =>
          signTestToken({ sub: id, role: 'admin', sid: sessionIdOf(admin.token), nbf: now() + 600, exp: now() + 900 }),
      ],
      [
        'a string subject',
        (id: number) =>
          signTestToken({ sub: String(id), role: 'admin', sid: sessionIdOf(admin.token), exp: now() + 60 }),
      ],
    ])('refuses %s on an admin route and the queue board with 401, creating nothing', async (_name, make) => {
      const token = make(admin.user.id);
      const before = await count('users');
      const res = await t.http.post(
        '/api/v1/users',
        { email: uniqueEmail(), password: 'password123', name: 'Forged', role: 'admin' },
        { token },
      );
      expectError(res, 401, 'UNAUTHENTICATED');
      expect(await count('users')).toBe(before);
      expectError(await t.http.get('/admin/queues/api/queues', { token }), 401, 'UNAUTHENTICATED');
    });

    it('trusts the role in the database, not the one in a correctly signed token', async () => {
      const token = signTestToken({
        sub: requester.user.id,
        role: 'admin',
        sid: sessionIdOf(requester.token),
        exp: now() + 60,
      });
      expect((await t.http.get('/api/v1/auth/me', { token })).body.role).toBe('user');
      expectError(
        await t.http.post(
          '/api/v1/users',
          { email: uniqueEmail(), password: 'password123', name: 'Escalated', role: 'admin' },
          { token },
        ),
        403,
        'FORBIDDEN',
      );
      expectError(await t.http.get('/admin/queues/api/queues', { token }), 403, 'FORBIDDEN');
    });

    it('does not take an access token from the query string or a cookie on the API', async () => {
      expectError(await t.http.get(`/api/v1/auth/me?access_token=${admin.token}`), 401, 'UNAUTHENTICATED');
      expectError(await t.http.get(`/api/v1/auth/me?token=${admin.token}`), 401, 'UNAUTHENTICATED');
      expectError(
        await t.http.get('/api/v1/auth/me', { headers: { cookie: `helpdesk_queue_board=${admin.token}` } }),
        401,
        'UNAUTHENTICATED',
      );
    });

    it('does not accept a refresh token as an access token', async () => {
      expectError(await t.http.get('/api/v1/auth/me', { token: admin.refreshToken }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('role-restricted routes (derived from openapi.json and @Roles)', () => {
    let ticket: { id: number };
    let category: number;
    let other: TestUser;
    let webhook: number;
    let delivery: number;
    let automation: number;
    beforeAll(async () => {
      ticket = await makeTicket(t, victim);
      other = await makeUser(t);
      category = (await t.http.post('/api/v1/categories', { name: `Sec ${Date.now()}` }, { token: admin.token })).body
        .id;
      webhook = (
        await t.http.post(
          '/api/v1/webhooks',
          { url: 'https://93.184.216.34/hook', events: ['*'] },
          { token: admin.token },
        )
      ).body.id;
      delivery = (await makeWebhookDelivery(t, webhook, { status: 'failed' })).id;
      automation = (
        await t.http.post(
          '/api/v1/automations',
          { name: 'Sec', conditions: { status: ['open'], tags_all: ['sec'] }, actions: { status: 'pending' } },
          { token: admin.token },
        )
      ).body.id;
    });

    /** A request for each admin-only operation, and the database state it must not change. */
    const adminRequests = (): Record<string, { path: string; body?: unknown; unchanged: () => Promise<unknown> }> => ({
      createUser: {
        path: '/api/v1/users',
        body: { email: uniqueEmail(), password: 'password123', name: 'New', role: 'admin' },
        unchanged: () => count('users'),
      },
      deactivateUser: {
        path: `/api/v1/users/${other.user.id}`,
        unchanged: async () => (await row('users', other.user.id)).is_active,
      },
      createCategory: {
        path: '/api/v1/categories',
        body: { name: `Nope ${Date.now()}` },
        unchanged: () => count('categories'),
      },
      updateCategory: {
        path: `/api/v1/categories/${category}`,
        body: { name: 'Renamed' },
        unchanged: async () => (await row('categories', category)).name,
      },
      deleteCategory: { path: `/api/v1/categories/${category}`, unchanged: () => count('categories') },
      deleteTicket: {
        path: `/api/v1/tickets/${ticket.id}`,
        unchanged: async () => (await row('tickets', ticket.id)).deleted_at,
      },
      restoreTicket: {
        path: `/api/v1/tickets/${ticket.id}/restore`,
        unchanged: async () => (await row('tickets', ticket.id)).deleted_at,
      },
      updateSlaPolicy: {
        path: '/api/v1/sla-policies/urgent',
        body: { first_response_minutes: 1, resolution_minutes: 2 },
        unchanged: () => t.dataSource.query(`SELECT * FROM sla_policies ORDER BY priority`),
      },
      setBusinessHours: {
        path: '/api/v1/business-hours',
        body: {
          timezone: 'UTC',
          week: { mon: [['09:00', '17:00']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
          holidays: [],
        },
        unchanged: () => t.dataSource.query(`SELECT * FROM business_hours`),
      },
      listAuditLog: { path: '/api/v1/audit-log', unchanged: () => count('audit_log') },
      ...webhookRequests(),
      ...automationRequests(),
    });

    /** Every automations route is admin-only; none may touch a rule. */
    const automationRequests = () => {
      const rules = () => t.dataSource.query(`SELECT * FROM automations ORDER BY id`);
      const path = `/api/v1/automations/${automation}`;
      return {
        listAutomations: { path: '/api/v1/automations', unchanged: rules },
        createAutomation: {
          path: '/api/v1/automations',
          body: { name: 'Mine', conditions: { status: ['open'] }, actions: { status: 'pending' } },
          unchanged: rules,
        },
        getAutomation: { path, unchanged: rules },
        updateAutomation: { path, body: { active: false }, unchanged: rules },
        deleteAutomation: { path, unchanged: rules },
      };
    };

    /** Every webhooks route is admin-only; none may touch a hook, its secret or its delivery log. */
    const webhookRequests = () => {
      const hooks = () => t.dataSource.query(`SELECT * FROM webhooks ORDER BY id`);
      const log = async () => ({
        hooks: await hooks(),
        messages: await count('webhook_messages'),
        deliveries: await t.dataSource.query(`SELECT * FROM webhook_deliveries ORDER BY id`),
      });
      const path = `/api/v1/webhooks/${webhook}`;
      return {
        createWebhook: {
          path: '/api/v1/webhooks',
          body: { url: 'https://93.184.216.34/mine', events: ['*'] },
          unchanged: hooks,
        },
        listWebhooks: { path: '/api/v1/webhooks', unchanged: hooks },
        getWebhook: { path, unchanged: hooks },
        updateWebhook: { path, body: { url: 'https://93.184.216.34/mine' }, unchanged: hooks },
        deleteWebhook: { path, unchanged: hooks },
        rotateWebhookSecret: { path: `${path}/rotate-secret`, unchanged: hooks },
        pingWebhook: { path: `${path}/ping`, unchanged: log },
        listWebhookDeliveries: { path: `${path}/deliveries`, unchanged: log },
        redeliverWebhookDelivery: { path: `${path}/deliveries/${delivery}/redeliver`, unchanged: log },
      };
    };

    const operations = () => {
      const roles = rolesByOperation(t);
      return operationsOf(doc).map((op) => ({ ...op, roles: roles.get(op.operation.operationId) }));
    };

    it('finds the roles of every documented operation in the controllers', () => {
      const missing = operations().filter((op) => op.roles === undefined);
      expect(missing.map((op) => op.operation.operationId)).toEqual([]);
    });

    it('derives exactly the admin-only operations the contract lists', () => {
      const adminOnly = operations()
        .filter((op) => op.roles?.length === 1 && op.roles[0] === UserRole.ADMIN)
        .map((op) => `${op.method} ${op.path}`)
        .sort();
      expect(adminOnly).toEqual(
        [
          'POST /api/v1/users',
          'DELETE /api/v1/users/{id}',
          'POST /api/v1/categories',
          'PATCH /api/v1/categories/{id}',
          'DELETE /api/v1/categories/{id}',
          'DELETE /api/v1/tickets/{id}',
          'POST /api/v1/tickets/{id}/restore',
          'PUT /api/v1/sla-policies/{priority}',
          'PUT /api/v1/business-hours',
          'POST /api/v1/webhooks',
          'GET /api/v1/webhooks',
          'GET /api/v1/webhooks/{id}',
          'PATCH /api/v1/webhooks/{id}',
          'DELETE /api/v1/webhooks/{id}',
          'POST /api/v1/webhooks/{id}/rotate-secret',
          'POST /api/v1/webhooks/{id}/ping',
          'GET /api/v1/webhooks/{id}/deliveries',
          'POST /api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver',
          'GET /api/v1/automations',
          'POST /api/v1/automations',
          'GET /api/v1/automations/{id}',
          'PATCH /api/v1/automations/{id}',
          'DELETE /api/v1/automations/{id}',
          'GET /api/v1/audit-log',
        ].sort(),
      );
    });

    it.each(['user', 'agent'] as const)(
      'refuses every admin-only operation to %s with 403 and changes nothing',
      async (who) => {
        const caller = who === 'agent' ? agent : requester;
        await t.http.delete(`/api/v1/tickets/${ticket.id}`, { token: admin.token }); // so restore has work to refuse
        const requests = adminRequests();
        for (const op of operations().filter((o) => o.roles?.length === 1 && o.roles[0] === UserRole.ADMIN)) {
          const request = requests[op.operation.operationId];
          expect({ operation: op.operation.operationId, known: request !== undefined }).toEqual({
            operation: op.operation.operationId,
            known: true,
          });
          const before = await request.unchanged();
          const res = await t.http.request(op.method, request.path, request.body, { token: caller.token });
          expect({ operation: op.operation.operationId, status: res.status }).toEqual({
            operation: op.operation.operationId,
            status: 403,
          });
          expectError(res, 403, 'FORBIDDEN');
          expect(await request.unchanged()).toEqual(before);
          expectError(await t.http.request(op.method, request.path, request.body), 401, 'UNAUTHENTICATED');
        }
        await t.http.post(`/api/v1/tickets/${ticket.id}/restore`, undefined, { token: admin.token });
      },
    );

    it('lets an admin through every admin-only operation (so the 403s above are about the role)', async () => {
      await t.http.delete(`/api/v1/tickets/${ticket.id}`, { token: admin.token });
      expect(
        (await t.http.post(`/api/v1/tickets/${ticket.id}/restore`, undefined, { token: admin.token })).status,
      ).toBe(200);
      const policy = await t.http.put(
        '/api/v1/sla-policies/low',
        { first_response_minutes: 1440, resolution_minutes: 4320 },
        { token: admin.token },
      );
      expect(policy.status).toBe(200);
      const hours = await t.http.get('/api/v1/business-hours', { token: admin.token });
      expect((await t.http.put('/api/v1/business-hours', hours.body, { token: admin.token })).status).toBe(200);
    });

    it('refuses every staff-only operation to a requester with 403', async () => {
      const staffOnly = operations().filter(
        (op) => op.roles?.length === 2 && op.roles.includes(UserRole.AGENT) && op.roles.includes(UserRole.ADMIN),
      );
      expect(staffOnly.length).toBeGreaterThanOrEqual(15);
      for (const op of staffOnly) {
        const path = op.path.replace('{id}', '1');
        const res = await t.http.request(op.method, path, op.method === 'GET' ? undefined : {}, {
          token: requester.token,
        });
        expect({ operation: op.operation.operationId, status: res.status }).toEqual({
          operation: op.operation.operationId,
          status: 403,
        });
        expectError(res, 403, 'FORBIDDEN');
      }
    });

    it('guards the queue board: 401 without a token, 403 for users and agents, also on its actions', async () => {
      expectError(await t.http.get('/admin/queues'), 401, 'UNAUTHENTICATED');
      for (const caller of [requester, agent]) {
        expectError(await t.http.get('/admin/queues', { token: caller.token }), 403, 'FORBIDDEN');
        expectError(await t.http.get('/admin/queues/api/queues', { token: caller.token }), 403, 'FORBIDDEN');
        expectError(
          await t.http.put('/admin/queues/api/queues/escalation/pause', undefined, { token: caller.token }),
          403,
          'FORBIDDEN',
        );
      }
      const queues = await t.http.get('/admin/queues/api/queues', { token: admin.token });
      expect(queues.body.queues.find((q: { name: string }) => q.name === 'escalation').isPaused).toBe(false);
    });
  });

  describe("BOLA: another requester's ids on every :id route", () => {
    let attacker: TestUser;
    let owner: TestUser;
    let theirs: { id: number };
    let mine: { id: number };
    let theirComment: number;
    let theirFile: number;

    beforeAll(async () => {
      [attacker, owner] = await Promise.all([makeUser(t), makeUser(t)]);
      [theirs, mine] = await Promise.all([makeTicket(t, owner), makeTicket(t, attacker)]);
      theirComment = (
        await t.http.post(`/api/v1/tickets/${theirs.id}/comments`, { body: 'my secret' }, { token: owner.token })
      ).body.id;
      theirFile = (await makeAttachment(t, owner, theirs.id)).id;
    });

    /** Everything an attack could have changed. */
    const snapshot = async () => ({
      ticket: await row('tickets', theirs.id),
      comment: await row('comments', theirComment),
      comments: await count('comments', 'ticket_id = $1', [theirs.id]),
      events: await count('ticket_events', 'ticket_id = $1', [theirs.id]),
      file: await row('attachments', theirFile),
      files: await count('attachments', 'ticket_id = $1', [theirs.id]),
      owner: await row('users', owner.user.id),
    });

    const attacks = (): Record<string, Array<[string, string, unknown?]>> => ({
      getTicket: [['GET', `/api/v1/tickets/${theirs.id}`]],
      updateTicket: [['PATCH', `/api/v1/tickets/${theirs.id}`, { version: 1, title: 'mine now' }]],
      assignTicket: [['POST', `/api/v1/tickets/${theirs.id}/assign`, { assignee_id: null }]],
      listTicketTimeline: [['GET', `/api/v1/tickets/${theirs.id}/timeline`]],
      listComments: [['GET', `/api/v1/tickets/${theirs.id}/comments`]],
      createComment: [['POST', `/api/v1/tickets/${theirs.id}/comments`, { body: 'injected' }]],
      updateComment: [
        ['PATCH', `/api/v1/tickets/${theirs.id}/comments/${theirComment}`, { body: 'edited' }],
        // Their comment through my own ticket's path.
        ['PATCH', `/api/v1/tickets/${mine.id}/comments/${theirComment}`, { body: 'edited' }],
      ],
      deleteComment: [
        ['DELETE', `/api/v1/tickets/${theirs.id}/comments/${theirComment}`],
        ['DELETE', `/api/v1/tickets/${mine.id}/comments/${theirComment}`],
      ],
      listAttachments: [['GET', `/api/v1/tickets/${theirs.id}/attachments`]],
      // The route reads JSON as "not multipart" only after the ticket check: the 404 comes first.
      uploadAttachments: [['POST', `/api/v1/tickets/${theirs.id}/attachments`, { file: 'x' }]],
      downloadAttachment: [['GET', `/api/v1/attachments/${theirFile}`]],
      deleteAttachment: [['DELETE', `/api/v1/attachments/${theirFile}`]],
      getUser: [['GET', `/api/v1/users/${owner.user.id}`]],
      updateUser: [['PATCH', `/api/v1/users/${owner.user.id}`, { name: 'Renamed by attacker' }]],
    });

    it('covers every :id route a requester may call', () => {
      const roles = rolesByOperation(t);
      const requesterIdRoutes = operationsOf(doc)
        .filter((op) => /\{(id|cid)\}/.test(op.path))
        .filter((op) => (roles.get(op.operation.operationId) ?? []).length === 0)
        .filter((op) => !op.path.startsWith('/api/v1/categories')) // categories are public to every role
        .map((op) => op.operation.operationId)
        .sort();
      expect(Object.keys(attacks()).sort()).toEqual(requesterIdRoutes);
    });

    it('answers each with 404, exactly as for an id that does not exist, and changes nothing', async () => {
      const before = await snapshot();
      for (const [operation, requests] of Object.entries(attacks())) {
        for (const [method, path, body] of requests) {
          const res = await t.http.request(method, path, body, { token: attacker.token });
          expect({ operation, path, status: res.status }).toEqual({ operation, path, status: 404 });
          expectError(res, 404, 'NOT_FOUND');
          const missing = await t.http.request(method, path.replace(String(theirs.id), '2147483000'), body, {
            token: attacker.token,
          });
          if (path.includes(String(theirs.id))) expect(missing.body.error.message).toBe(res.body.error.message);
        }
      }
      expect(await snapshot()).toEqual(before);
      // The owner still sees it all as it was.
      const own = await t.http.get(`/api/v1/tickets/${theirs.id}/comments`, { token: owner.token });
      expect(own.body.items.map((c: { body: string }) => c.body)).toEqual(['my secret']);
    });

    it("hides another agent's private template and filter from an agent with 404 on every :id route", async () => {
      const otherAgent = await makeAgent(t);
      const template = (
        await t.http.post('/api/v1/templates', { title: 'Private', content: 'Hi {name}' }, { token: otherAgent.token })
      ).body.id;
      const filter = (
        await t.http.post(
          '/api/v1/filters',
          { name: 'Private', filter_params: { status: 'open' } },
          { token: otherAgent.token },
        )
      ).body.id;
      const before = [await row('response_templates', template), await row('saved_filters', filter)];
      const requests: Array<[string, string, unknown?]> = [
        ['GET', `/api/v1/templates/${template}`],
        ['PATCH', `/api/v1/templates/${template}`, { title: 'Mine' }],
        ['DELETE', `/api/v1/templates/${template}`],
        ['POST', `/api/v1/templates/${template}/render`, { context: { name: 'x' } }],
        ['GET', `/api/v1/filters/${filter}`],
        ['PATCH', `/api/v1/filters/${filter}`, { name: 'Mine' }],
        ['DELETE', `/api/v1/filters/${filter}`],
        ['GET', `/api/v1/tickets?filter_id=${filter}`],
      ];
      for (const [method, path, body] of requests) {
        const res = await t.http.request(method, path, body, { token: agent.token });
        expect({ path, method, status: res.status }).toEqual({ path, method, status: 404 });
        expectError(res, 404, 'NOT_FOUND');
      }
      expect([await row('response_templates', template), await row('saved_filters', filter)]).toEqual(before);
    });
  });

  describe('mass assignment', () => {
    /** Each creating route with a valid body, the table it writes, and fields it must refuse. */
    const creates = (ticketId: number): Array<[string, string, TestUser, object, string, string[]]> => [
      [
        'register',
        '/api/v1/auth/register',
        requester,
        { email: uniqueEmail(), password: 'password123', name: 'Reg' },
        'users',
        ['id', 'created_at', 'is_active', 'email_verified_at', 'password_hash'],
      ],
      [
        'createTicket',
        '/api/v1/tickets',
        requester,
        { title: 't', description: 'd' },
        'tickets',
        ['id', 'role', 'version', 'requester_id', 'assignee_id', 'status', 'created_at', 'is_breached', 'deleted_at'],
      ],
      [
        'createComment',
        `/api/v1/tickets/${ticketId}/comments`,
        requester,
        { body: 'b' },
        'comments',
        ['id', 'role', 'version', 'author_id', 'ticket_id', 'created_at', 'edited_at', 'deleted_at'],
      ],
      [
        'createUser',
        '/api/v1/users',
        admin,
        { email: uniqueEmail(), password: 'password123', name: 'U', role: 'user' },
        'users',
        ['id', 'created_at', 'is_active', 'email_verified_at'],
      ],
      [
        'createCategory',
        '/api/v1/categories',
        admin,
        { name: `C ${Date.now()}` },
        'categories',
        ['id', 'role', 'created_at'],
      ],
      [
        'createTemplate',
        '/api/v1/templates',
        agent,
        { title: 'T', content: 'c' },
        'response_templates',
        ['id', 'role', 'owner_id', 'created_at', 'variables'],
      ],
      [
        'createFilter',
        '/api/v1/filters',
        agent,
        { name: 'F', filter_params: {} },
        'saved_filters',
        ['id', 'role', 'owner_id', 'created_at'],
      ],
      [
        'createWebhook',
        '/api/v1/webhooks',
        admin,
        { url: 'https://93.184.216.34/hook', events: ['*'] },
        'webhooks',
        ['id', 'secret', 'secret_encrypted', 'created_by', 'created_at', 'deactivated_reason', 'failing_since'],
      ],
    ];

    it('refuses every protected field on every creating route with 400 naming it, and creates nothing', async () => {
      const ticket = await makeTicket(t, requester);
      for (const [operation, path, caller, body, table, fields] of creates(ticket.id)) {
        for (const field of fields) {
          const before = await count(table);
          const res = await t.http.post(
            path,
            { ...body, [field]: field.endsWith('_at') ? new Date() : 1 },
            {
              token: caller.token,
            },
          );
          expect({ operation, field, status: res.status }).toEqual({ operation, field, status: 400 });
          expectError(res, 400, 'VALIDATION_FAILED');
          expect(res.body.error.details[field]).toEqual(['is not an allowed field']);
          expect(await count(table)).toBe(before);
        }
      }
    });

    it('refuses requester_id, id, created_at and role changes on updates and leaves the rows as they were', async () => {
      const ticket = await makeTicket(t, requester);
      const before = await row('tickets', ticket.id);
      for (const field of [
        'requester_id',
        'id',
        'role',
        'created_at',
        'deleted_at',
        'comment_count',
        'escalation_level',
      ]) {
        const res = await t.http.patch(
          `/api/v1/tickets/${ticket.id}`,
          { version: 1, title: 'changed', [field]: field === 'created_at' ? '2000-01-01T00:00:00Z' : victim.user.id },
          { token: admin.token },
        );
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(Object.keys(res.body.error.details)).toEqual([field]);
      }
      expect(await row('tickets', ticket.id)).toEqual(before);

      const self = await row('users', requester.user.id);
      for (const body of [{ id: 999 }, { created_at: '2000-01-01T00:00:00Z' }, { email: 'new@example.test' }]) {
        expectError(
          await t.http.patch(`/api/v1/users/${requester.user.id}`, body, { token: requester.token }),
          400,
          'VALIDATION_FAILED',
        );
      }
      for (const body of [{ role: 'admin' }, { is_active: true }]) {
        expectError(
          await t.http.patch(`/api/v1/users/${requester.user.id}`, body, { token: requester.token }),
          403,
          'FORBIDDEN',
        );
      }
      expect(await row('users', requester.user.id)).toEqual(self);
    });

    it('refuses is_internal from a requester with 403 and writes no comment', async () => {
      const ticket = await makeTicket(t, requester);
      const before = await count('comments', 'ticket_id = $1', [ticket.id]);
      expectError(
        await t.http.post(
          `/api/v1/tickets/${ticket.id}/comments`,
          { body: 'note to self', is_internal: true },
          { token: requester.token },
        ),
        403,
        'FORBIDDEN',
      );
      expect(await count('comments', 'ticket_id = $1', [ticket.id])).toBe(before);
      const comment = await t.http.post(
        `/api/v1/tickets/${ticket.id}/comments`,
        { body: 'x' },
        { token: requester.token },
      );
      expectError(
        await t.http.patch(
          `/api/v1/tickets/${ticket.id}/comments/${comment.body.id}`,
          { body: 'y', is_internal: true },
          { token: requester.token },
        ),
        400,
        'VALIDATION_FAILED',
      );
      expect((await row('comments', comment.body.id)).is_internal).toBe(false);
    });

    it('refuses prototype-pollution keys with 400, leaving roles and Object.prototype alone', async () => {
      const email = uniqueEmail();
      for (const raw of [
        `{"email":"${email}","password":"password123","name":"P","__proto__":{"role":"admin"}}`,
        `{"email":"${email}","password":"password123","name":"P","constructor":{"prototype":{"role":"admin"}}}`,
      ]) {
        expectError(await t.http.post('/api/v1/auth/register', undefined, { raw }), 400, 'VALIDATION_FAILED');
      }
      expectError(
        await t.http.patch(`/api/v1/users/${requester.user.id}`, undefined, {
          token: requester.token,
          raw: '{"name":"P","__proto__":{"role":"admin","is_active":false}}',
        }),
        400,
        'VALIDATION_FAILED',
      );
      expect(await count('users', 'email = $1', [email])).toBe(0);
      expect((await row('users', requester.user.id)).role).toBe('user');
      expect(({} as Record<string, unknown>).role).toBeUndefined();
    });
  });

  // Last: a second app instance with CORS configured (the first one's tokens are not needed here).
  describe('CORS when CORS_ORIGINS is set', () => {
    let cors: TestApp;
    beforeAll(async () => {
      cors = await startTestApp({ env: { CORS_ORIGINS: 'https://desk.example' } });
    });
    afterAll(() => cors.close());

    const preflight = (origin: string) =>
      cors.http.request('OPTIONS', '/api/v1/tickets', undefined, {
        headers: {
          origin,
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'authorization,content-type,idempotency-key,if-match',
        },
      });

    it('allows a preflight from a configured origin', async () => {
      const res = await preflight('https://desk.example');
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://desk.example');
      expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toEqual(
        expect.stringContaining('idempotency-key'),
      );
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('vary')).toMatch(/origin/i);
    });

    it('does not allow a preflight from any other origin', async () => {
      for (const origin of ['https://evil.example', 'https://desk.example.evil.test', 'http://desk.example', 'null']) {
        expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBeNull();
      }
    });

    it('exposes the request id and rate-limit headers to the allowed origin only', async () => {
      const allowed = await cors.http.get('/api/health', { headers: { origin: 'https://desk.example' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://desk.example');
      expect(allowed.headers.get('access-control-expose-headers')?.toLowerCase()).toEqual(
        expect.stringContaining('x-request-id'),
      );
      const other = await cors.http.get('/api/health', { headers: { origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect(other.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });
});
