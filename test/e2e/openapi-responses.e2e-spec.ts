// openapi.json against the real app: every operation is called (its example body first, then a
// request that succeeds, then each documented error it can be made to answer), and every answer is
// validated against the document: status documented, body matching its schema, required headers
// present. The run fails when an operation of openapi.json was not exercised, or when a documented
// status was never seen (besides the few a healthy single app cannot produce, listed in WAIVED).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccountTokensService } from '../../src/auth/account-tokens.service';
import { makeTicket } from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { makeWebhookDelivery } from '../factories/webhooks';
import { pngBytes } from '../support/file-bytes';
import { HttpResponse } from '../support/http-client';
import { composeRaw, signatureOf, TEST_INBOUND_SECRET } from '../support/inbound-mail';
import { uploadForm } from '../support/multipart';
import { DocumentedOperation, OpenApiDoc, OpenApiResponseValidator } from '../support/openapi-validator';
import { startTestApp, TestApp } from '../support/test-app';

const doc = JSON.parse(readFileSync(join(__dirname, '../../openapi.json'), 'utf8')) as OpenApiDoc;
const MISSING_ID = '2147483647';
const ATTACHMENT_MAX_BYTES = 64 * 1024;
const INBOUND_MAX_BYTES = 16 * 1024;

/** Statuses a healthy app cannot be made to answer here, and where they are tested instead. */
const WAIVED: Record<number, string> = {
  503: 'Postgres down: the fault suite (test/faults) stops it under load',
  429: 'one budget for all /api/v1 routes: checked on one route (rate-limit.e2e-spec.ts covers the rest)',
};
/** A 409 whose only code is IDEMPOTENCY_IN_PROGRESS needs two requests racing (idempotency.e2e-spec.ts). */
const onlyInProgress = (validator: OpenApiResponseValidator, op: DocumentedOperation) =>
  /^`IDEMPOTENCY_IN_PROGRESS`:/.test(validator.response(op.operation, 409)?.description ?? '');

type Role = 'anonymous' | 'user' | 'agent' | 'admin';

interface Call {
  role?: Role;
  /** Path parameters over the defaults (the fixtures). */
  params?: Record<string, string | number>;
  query?: string;
  body?: unknown;
  raw?: string | Buffer;
  headers?: Record<string, string>;
  /** The caller, when not one of the role fixtures. */
  token?: string;
}

/** What Swagger UI pre-fills: the media type's example, else one made from the schema's examples. */
function exampleOf(op: DocumentedOperation): unknown {
  const media = op.operation.requestBody?.content['application/json'];
  if (!media) return undefined;
  return media.example ?? synthesize(media.schema ?? {});
}

function synthesize(schema: Record<string, any>): unknown {
  if (schema.$ref) return synthesize(doc.components.schemas[String(schema.$ref).split('/').pop()!]);
  if (schema.example !== undefined) return schema.example;
  if (schema.allOf) return synthesize(schema.allOf[0]);
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'object' || schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, synthesize(v as never)]));
  }
  if (schema.type === 'array') return [synthesize(schema.items ?? {})];
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 0;
  if (schema.type === 'boolean') return true;
  return 'string';
}

/** `{"title": "x"}` → `{"title": "x (again)"}`: the same request with another body. */
function variant(body: Record<string, unknown>): Record<string, unknown> {
  const key = ['title', 'name', 'body', 'email'].find((k) => typeof body[k] === 'string')!;
  const value = String(body[key]);
  return { ...body, [key]: key === 'email' ? value.replace('@', '+again@') : `${value} (again)` };
}

async function multipart(form: FormData): Promise<{ raw: Buffer; headers: Record<string, string> }> {
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    raw: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type')! },
  };
}

describe('openapi.json describes the real answers', () => {
  const validator = new OpenApiResponseValidator(doc);
  const operations = validator.operations();
  let t: TestApp;
  let people: Record<Exclude<Role, 'anonymous'>, TestUser>;
  let other: TestUser;
  const ids: Record<string, number> = {};
  /** Successful answers expected but not given, for one clear failure. */
  const unexpected: string[] = [];

  async function send(operationId: string, call: Call = {}): Promise<HttpResponse> {
    const { method, path } = validator.find(operationId);
    const params: Record<string, string | number> = { ...defaultParams(path), ...call.params };
    const url =
      path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(String(params[name]))) +
      (call.query ? `?${call.query}` : '');
    const role = call.role ?? 'admin';
    const token = call.token ?? (role === 'anonymous' ? undefined : people[role].token);
    const res = await t.http.request(method.toUpperCase(), url, call.body, {
      token,
      headers: call.headers,
      raw: call.raw,
    });
    validator.check(operationId, res);
    return res;
  }

  /** Sends and records a surprise when the status is not `expected`. */
  async function expectStatus(operationId: string, expected: number, call: Call = {}): Promise<HttpResponse> {
    const res = await send(operationId, call);
    if (res.status !== expected) {
      unexpected.push(`${operationId}: expected ${expected}, got ${res.status} ${res.text.slice(0, 300)}`);
    }
    return res;
  }

  function defaultParams(path: string): Record<string, string | number> {
    const resource = /\/api\/v1\/([\w-]+)/.exec(path)?.[1];
    const byResource: Record<string, number | undefined> = {
      tickets: ids.ticket,
      users: ids.otherUser,
      categories: ids.category,
      templates: ids.template,
      filters: ids.filter,
      automations: ids.automation,
      webhooks: ids.webhook,
      attachments: ids.attachment,
    };
    return {
      id: byResource[resource ?? ''] ?? MISSING_ID,
      cid: ids.comment,
      delivery_id: ids.delivery,
      priority: 'high',
    };
  }

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        INBOUND_SECRET: TEST_INBOUND_SECRET,
        ATTACHMENT_MAX_BYTES: String(ATTACHMENT_MAX_BYTES),
        INBOUND_MAX_BYTES: String(INBOUND_MAX_BYTES),
      },
    });
    // Created first, so the examples' ids (agent 2, tickets 1 and 2) name them.
    const admin = await makeAdmin(t);
    const agent = await makeUser(t, { role: 'agent' as never, email: 'agent@example.com', password: 'ILoveHelpdesk1' });
    const user = await makeUser(t);
    other = await makeUser(t);
    people = { admin, agent, user };
    const [first, second] = [await makeTicket(t, user), await makeTicket(t, user)];
    if (agent.user.id !== 2 || first.id !== 1 || second.id !== 2) {
      throw new Error(`the examples' ids do not name the fixtures: agent ${agent.user.id}, tickets ${first.id}`);
    }
    ids.ticket = first.id;
    ids.otherUser = other.user.id;
    const post = async (path: string, body: unknown, who: TestUser = admin) => {
      const res = await t.http.post(path, body, { token: who.token });
      if (res.status !== 201) throw new Error(`fixture ${path}: ${res.status} ${res.text}`);
      return res.body.id as number;
    };
    ids.comment = await post(`/api/v1/tickets/${first.id}/comments`, { body: 'On it.' }, agent);
    ids.category = await post('/api/v1/categories', { name: 'Fixtures' });
    ids.template = await post('/api/v1/templates', exampleOf(validator.find('createTemplate')), agent);
    ids.filter = await post('/api/v1/filters', { name: 'Mine', filter_params: { status: 'open' } }, agent);
    ids.automation = await post('/api/v1/automations', {
      name: 'Fixture rule',
      active: false,
      conditions: { status: ['pending'], hours_in_status: 1 },
      actions: { status: 'open' },
    });
    // A literal public address: registration resolves the host, and the run must not need DNS.
    ids.webhook = await post('/api/v1/webhooks', { url: 'https://93.184.216.34/hook', events: ['*'] });
    ids.delivery = (await makeWebhookDelivery(t, ids.webhook, { status: 'failed' })).id;
    const upload = await multipart(uploadForm([{ data: pngBytes(), filename: 'shot.png', contentType: 'image/png' }]));
    const uploaded = await t.http.post(`/api/v1/tickets/${first.id}/attachments`, undefined, {
      token: user.token,
      ...upload,
    });
    ids.attachment = uploaded.body.items[0].id as number;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('accepts every example request body (what Swagger UI pre-fills)', async () => {
    const refused: string[] = [];
    for (const op of operations) {
      const body = exampleOf(op);
      if (body === undefined) continue;
      // Bodies that change the caller's own account are sent by a user of their own.
      const res = await send(op.operation.operationId, { body, role: 'admin' });
      if (res.status === 400 || res.status === 415 || res.status === 413) {
        refused.push(`${op.operation.operationId}: ${res.status} ${res.text.slice(0, 300)}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it('answers each operation with a documented success', async () => {
    const { user } = people;
    const fresh = () => makeTicket(t, user);
    const json = (id: string) => exampleOf(validator.find(id));

    await expectStatus('register', 201, {
      role: 'anonymous',
      body: { ...(json('register') as object), email: 'new@example.test' },
    });
    await expectStatus('login', 200, { role: 'anonymous', body: json('login') });
    const refreshed = await expectStatus('refresh', 200, {
      role: 'anonymous',
      body: { refresh_token: other.refreshToken },
    });
    await expectStatus('logout', 204, { role: 'anonymous', body: { refresh_token: refreshed.body.refresh_token } });
    await expectStatus('getMe', 200, { role: 'user' });
    await expectStatus('requestPasswordReset', 202, { role: 'anonymous', body: json('requestPasswordReset') });
    await expectStatus('requestEmailVerification', 202, { role: 'anonymous', body: json('requestEmailVerification') });
    const resetter = await makeUser(t);
    const token = await t.app.get(AccountTokensService).createResetToken(resetter.user.id);
    await expectStatus('confirmPasswordReset', 204, {
      role: 'anonymous',
      body: { token, password: 'correct-horse-battery-3' },
    });
    const code = await t.app.get(AccountTokensService).createVerificationCode(user.user.id);
    await expectStatus('confirmEmailVerification', 200, { role: 'anonymous', body: { email: user.email, code } });

    await expectStatus('listUsers', 200, { query: 'role=user&limit=5' });
    await expectStatus('getUser', 200);
    await expectStatus('createUser', 201, { body: { ...(json('createUser') as object), email: 'sam.2@example.com' } });
    const target = await makeUser(t);
    await expectStatus('updateUser', 200, { params: { id: target.user.id }, body: json('updateUser') });
    await expectStatus('deactivateUser', 204, { params: { id: target.user.id } });

    await expectStatus('createTicket', 201, { role: 'user', body: json('createTicket') });
    await expectStatus('listTickets', 200, {
      role: 'agent',
      query: 'status=open,in_progress&priority=medium,high&assignee_id=none&sort=-priority&limit=5',
    });
    await expectStatus('getTicket', 200, { role: 'user' });
    await expectStatus('listTicketTimeline', 200, { role: 'user' });
    await expectStatus('updateTicket', 200, { params: { id: (await fresh()).id }, body: json('updateTicket') });
    await expectStatus('assignTicket', 200, { params: { id: (await fresh()).id }, body: json('assignTicket') });
    await expectStatus('claimTickets', 200, { role: 'agent', body: json('claimTickets') });
    await expectStatus('bulkUpdateTickets', 200, { body: json('bulkUpdateTickets') });
    const doomed = await fresh();
    await expectStatus('deleteTicket', 204, { params: { id: doomed.id } });
    await expectStatus('restoreTicket', 200, { params: { id: doomed.id } });

    await expectStatus('listComments', 200, { role: 'user' });
    await expectStatus('createComment', 201, { role: 'agent', body: json('createComment') });
    await expectStatus('updateComment', 200, { role: 'agent', body: json('updateComment') });
    const note = await send('createComment', { role: 'agent', body: { body: 'to delete' } });
    await expectStatus('deleteComment', 204, { role: 'agent', params: { cid: note.body.id } });

    const upload = await multipart(uploadForm([{ data: pngBytes({ padding: 1 }), filename: 'a.png' }]));
    await expectStatus('uploadAttachments', 201, { role: 'user', raw: upload.raw, headers: upload.headers });
    await expectStatus('listAttachments', 200, { role: 'user' });
    await expectStatus('downloadAttachment', 200, { role: 'user' });
    await expectStatus('downloadAttachment', 206, { role: 'user', headers: { range: 'bytes=0-3' } });
    const { headers } = await send('downloadAttachment', { role: 'user' });
    await expectStatus('downloadAttachment', 304, { role: 'user', headers: { 'if-none-match': headers.get('etag')! } });
    const spare = await multipart(uploadForm([{ data: pngBytes({ padding: 2 }), filename: 'b.png' }]));
    const added = await send('uploadAttachments', { role: 'user', raw: spare.raw, headers: spare.headers });
    await expectStatus('deleteAttachment', 204, { role: 'user', params: { id: added.body.items[0].id } });

    await expectStatus('listCategories', 200, { role: 'user' });
    await expectStatus('getCategory', 200, { role: 'user' });
    await expectStatus('createCategory', 201, { body: { ...(json('createCategory') as object), name: 'Billing 2' } });
    await expectStatus('updateCategory', 200, { body: json('updateCategory') });
    const category = await send('createCategory', { body: { name: 'Short-lived' } });
    await expectStatus('deleteCategory', 204, { params: { id: category.body.id } });

    await expectStatus('listTags', 200, { role: 'agent' });
    await expectStatus('listSlaPolicies', 200, { role: 'agent' });
    await expectStatus('updateSlaPolicy', 200, { body: json('updateSlaPolicy') });
    await expectStatus('getBusinessHours', 200, { role: 'agent' });
    await expectStatus('setBusinessHours', 200, { body: json('setBusinessHours') });

    await expectStatus('listTemplates', 200, { role: 'agent', query: 'q=reset&limit=5' });
    await expectStatus('getTemplate', 200, { role: 'agent' });
    await expectStatus('createTemplate', 201, { role: 'agent', body: json('createTemplate') });
    await expectStatus('updateTemplate', 200, { role: 'agent', body: json('updateTemplate') });
    await expectStatus('renderTemplate', 200, { role: 'agent', body: json('renderTemplate') });
    const template = await send('createTemplate', { role: 'agent', body: { title: 'Bye', content: 'Bye' } });
    await expectStatus('deleteTemplate', 204, { role: 'agent', params: { id: template.body.id } });

    await expectStatus('listFilters', 200, { role: 'agent' });
    await expectStatus('getFilter', 200, { role: 'agent' });
    await expectStatus('createFilter', 201, { role: 'agent', body: json('createFilter') });
    await expectStatus('updateFilter', 200, { role: 'agent', body: json('updateFilter') });
    const filter = await send('createFilter', { role: 'agent', body: { name: 'Bye', filter_params: {} } });
    await expectStatus('deleteFilter', 204, { role: 'agent', params: { id: filter.body.id } });

    await expectStatus('getReportSummary', 200, { role: 'agent', query: 'days=7' });
    await expectStatus('getReportStats', 200, { role: 'agent' });
    await expectStatus('getReportTimeseries', 200, { role: 'agent', query: 'days=3' });

    await expectStatus('listAutomations', 200);
    await expectStatus('getAutomation', 200);
    await expectStatus('createAutomation', 201, { body: json('createAutomation') });
    await expectStatus('updateAutomation', 200, { body: json('updateAutomation') });
    const rule = await expectStatus('createAutomation', 201, {
      body: { name: 'Bye', conditions: { status: ['pending'] }, actions: { status: 'open' } },
    });
    await expectStatus('deleteAutomation', 204, { params: { id: rule.body.id } });

    const hook = { url: 'https://93.184.216.34/other', events: ['ticket.created'] };
    await expectStatus('listWebhooks', 200, { query: 'limit=5' });
    await expectStatus('getWebhook', 200);
    await expectStatus('createWebhook', 201, { body: hook });
    await expectStatus('updateWebhook', 200, { body: json('updateWebhook') });
    await expectStatus('rotateWebhookSecret', 200);
    await expectStatus('pingWebhook', 202);
    await expectStatus('listWebhookDeliveries', 200, { query: 'status=failed' });
    await expectStatus('redeliverWebhookDelivery', 202);
    const gone = await send('createWebhook', { body: hook });
    await expectStatus('deleteWebhook', 204, { params: { id: gone.body.id } });

    const raw = await composeRaw({ from: 'Ann <ann@customer.example.test>', subject: 'Help', text: 'It broke.' });
    await expectStatus('ingestEmail', 202, {
      role: 'anonymous',
      raw,
      headers: { 'content-type': 'message/rfc822', 'x-inbound-signature': signatureOf(raw) },
    });

    // After every admin edit above, so the log has entries of several kinds.
    await expectStatus('listAuditLog', 200, { query: 'action=webhook.created,webhook.deleted&limit=5' });
    await expectStatus('health', 200, { role: 'anonymous' });
    await expectStatus('healthLive', 200, { role: 'anonymous' });
    await expectStatus('healthReady', 200, { role: 'anonymous' });
    await expectStatus('getMeta', 200, { role: 'anonymous' });
    await expectStatus('getHackathonJson', 200, { role: 'anonymous' });
    expect(unexpected).toEqual([]);
  });

  it('answers the errors every route shares: 400, 401, 403, 404, 413, 415', async () => {
    unexpected.length = 0;
    for (const op of operations) {
      const id = op.operation.operationId;
      const documented = (status: number) => Boolean(op.operation.responses[String(status)]);
      const media = Object.keys(op.operation.requestBody?.content ?? {})[0];
      // Every route checks its query string first: a NUL character is never stored.
      await expectStatus(id, 400, { query: 'x=%00' });
      if (op.operation.security?.length) await expectStatus(id, 401, { role: 'anonymous' });
      const roles = /Roles: ([a-z, ]+)\./.exec(String((op.operation as { description?: string }).description));
      if (roles && documented(403)) {
        const outsider = (['user', 'agent'] as const).find((role) => !roles[1].split(', ').includes(role))!;
        await expectStatus(id, 403, { role: outsider, body: exampleOf(op) });
      }
      if (/\{\w+\}/.test(op.path)) {
        const params = { id: MISSING_ID, cid: MISSING_ID, delivery_id: MISSING_ID, priority: 'none' };
        await expectStatus(id, 404, { params, body: exampleOf(op) });
      }
      if (media === 'application/json') {
        const raw = JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 1) });
        await expectStatus(id, 413, { raw, headers: { 'content-type': 'application/json' } });
      }
      // A media type no parser takes (text/plain and forms are parsed, then refused as 400).
      if (media) await expectStatus(id, 415, { raw: '<a/>', headers: { 'content-type': 'application/xml' } });
    }
    expect(unexpected).toEqual([]);
  });

  it('answers the errors only some routes give', async () => {
    unexpected.length = 0;
    const { admin, user } = people;
    const json = (id: string) => exampleOf(validator.find(id)) as Record<string, unknown>;
    const ticket = await makeTicket(t, user);

    // Accounts
    await expectStatus('register', 403, { role: 'anonymous', body: { ...json('register'), role: 'admin' } });
    await expectStatus('register', 409, { role: 'anonymous', body: { ...json('register'), email: user.email } });
    await expectStatus('login', 401, { role: 'anonymous', body: { email: user.email, password: 'not-the-password' } });
    await expectStatus('refresh', 401, { role: 'anonymous', body: json('refresh') });
    await expectStatus('confirmPasswordReset', 422, { role: 'anonymous', body: json('confirmPasswordReset') });
    await expectStatus('confirmEmailVerification', 422, { role: 'anonymous', body: json('confirmEmailVerification') });
    await expectStatus('createUser', 409, { body: { ...json('createUser'), email: user.email } });
    await expectStatus('updateUser', 403, { role: 'agent', body: { name: 'Not yours' } });
    await expectStatus('updateUser', 422, { params: { id: admin.user.id }, body: { is_active: false } });
    await expectStatus('deactivateUser', 422, { params: { id: admin.user.id } });

    // Tickets
    await expectStatus('createTicket', 422, { body: { ...json('createTicket'), category_id: Number(MISSING_ID) } });
    const stale = await expectStatus('updateTicket', 409, {
      params: { id: ticket.id },
      body: { version: 99, title: 'x' },
    });
    // What a generated client reads without casts (VersionConflictError).
    expect(stale.body.error.details.current_version).toBe(1);
    await expectStatus('updateTicket', 412, {
      params: { id: ticket.id },
      body: { version: 1, title: 'x' },
      headers: { 'if-match': 'W/"1-99"' },
    });
    await expectStatus('updateTicket', 403, {
      role: 'user',
      params: { id: ticket.id },
      body: { version: 1, priority: 'urgent' },
    });
    await expectStatus('updateTicket', 422, { params: { id: ticket.id }, body: { version: 1, status: 'escalated' } });
    await expectStatus('assignTicket', 403, { role: 'user', params: { id: ticket.id }, body: { assignee_id: null } });
    await expectStatus('assignTicket', 422, { params: { id: ticket.id }, body: { assignee_id: user.user.id } });
    await expectStatus('bulkUpdateTickets', 422, {
      body: { ids: [ticket.id, Number(MISSING_ID)], status: 'resolved' },
    });
    await expectStatus('listTickets', 404, { query: `filter_id=${MISSING_ID}` });
    await t.dataSource.query(`UPDATE saved_filters SET filter_params = '{"status": "bogus"}' WHERE id = $1`, [
      ids.filter,
    ]);
    await expectStatus('listTickets', 422, { role: 'agent', query: `filter_id=${ids.filter}` });

    // Comments
    const theirs = await makeTicket(t, await makeUser(t));
    const foreign = await send('createComment', { role: 'agent', params: { id: theirs.id }, body: { body: 'x' } });
    await expectStatus('createComment', 403, {
      role: 'user',
      params: { id: ticket.id },
      body: { body: 'x', is_internal: true },
    });
    await expectStatus('createComment', 422, {
      params: { id: ticket.id },
      body: { body: 'x', parent_id: foreign.body.id },
    });
    await expectStatus('updateComment', 403, { role: 'user', body: { body: 'not mine' } });
    await expectStatus('deleteComment', 403, { role: 'user' });
    const deleted = await send('createComment', { role: 'agent', params: { id: ticket.id }, body: { body: 'gone' } });
    await send('deleteComment', { role: 'agent', params: { id: ticket.id, cid: deleted.body.id } });
    await expectStatus('updateComment', 422, {
      role: 'agent',
      params: { id: ticket.id, cid: deleted.body.id },
      body: { body: 'x' },
    });

    // Attachments
    const internal = await multipart(
      uploadForm([{ data: pngBytes({ padding: 3 }), filename: 'c.png' }], { fields: { is_internal: 'true' } }),
    );
    await expectStatus('uploadAttachments', 403, { role: 'user', raw: internal.raw, headers: internal.headers });
    const big = await multipart(uploadForm([{ data: Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 1), filename: 'big.bin' }]));
    await expectStatus('uploadAttachments', 413, { role: 'user', raw: big.raw, headers: big.headers });
    await expectStatus('downloadAttachment', 416, { role: 'user', headers: { range: 'bytes=100000-' } });
    await expectStatus('deleteAttachment', 403, { role: 'agent' });

    // Categories, templates, filters, automations
    await expectStatus('createCategory', 409, { body: { name: 'FIXTURES' } });
    await expectStatus('updateCategory', 409, { params: { id: ids.category }, body: { name: 'Billing' } });
    await expectStatus('updateCategory', 422, { body: { assignment: 'round_robin', agent_ids: [user.user.id] } });
    const secondAgent = await makeAgent(t);
    await expectStatus('updateTemplate', 403, { token: secondAgent.token, body: { title: 'Mine now' } });
    await expectStatus('deleteTemplate', 403, { token: secondAgent.token });
    await expectStatus('renderTemplate', 422, { role: 'agent', body: { context: {} } });
    const shared = await send('createFilter', { body: { name: 'Shared', filter_params: {}, is_public: true } });
    await expectStatus('updateFilter', 403, { role: 'agent', params: { id: shared.body.id }, body: { name: 'Mine' } });
    await expectStatus('deleteFilter', 403, { role: 'agent', params: { id: shared.body.id } });
    const loop = { name: 'Loop', conditions: { status: ['open'] }, actions: { priority: 'high' } };
    await expectStatus('createAutomation', 422, { body: loop });
    await expectStatus('updateAutomation', 422, {
      body: { conditions: { status: ['open'] }, actions: { priority: 'low' } },
    });

    // Idempotency-Key: a replay says so; the same key with another body is 422.
    for (const op of operations.filter((o) => o.operation.parameters?.some((p) => p.name === 'Idempotency-Key'))) {
      const id = op.operation.operationId;
      const key = `openapi-${id}`;
      const role: Role =
        id === 'createUser' || id === 'createCategory' || id === 'createAutomation' ? 'admin' : 'agent';
      let first: Call;
      let second: Call;
      if (id === 'uploadAttachments') {
        const a = await multipart(uploadForm([{ data: pngBytes({ padding: 4 }), filename: 'd.png' }]));
        const b = await multipart(uploadForm([{ data: pngBytes({ padding: 5 }), filename: 'e.png' }]));
        first = { role, raw: a.raw, headers: { ...a.headers, 'idempotency-key': key } };
        second = { role, raw: b.raw, headers: { ...b.headers, 'idempotency-key': key } };
      } else {
        const body: Record<string, unknown> = {
          ...(exampleOf(op) as Record<string, unknown>),
          ...(id === 'createUser' ? { email: 'idem@example.test' } : {}),
        };
        if (id === 'createCategory') body.name = 'Idempotent';
        first = { role, body, headers: { 'idempotency-key': key } };
        second = { role, body: variant(body), headers: { 'idempotency-key': key } };
      }
      const created = await send(id, first);
      const replay = await send(id, first);
      if (!(created.status === 201 && replay.status === 201 && replay.headers.get('idempotent-replayed') === 'true')) {
        unexpected.push(`${id}: no replay (${created.status} ${replay.status} ${created.text.slice(0, 200)})`);
      }
      await expectStatus(id, 422, second);
    }

    // The email channel
    const from = { from: 'Bo <bo@customer.example.test>', subject: 'Hi', text: 'Hello' };
    const raw = await composeRaw(from);
    await expectStatus('ingestEmail', 401, {
      role: 'anonymous',
      raw,
      headers: { 'content-type': 'message/rfc822', 'x-inbound-signature': 'sha256=00' },
    });
    const huge = await composeRaw({ ...from, text: 'x'.repeat(INBOUND_MAX_BYTES * 2) });
    await expectStatus('ingestEmail', 413, {
      role: 'anonymous',
      raw: huge,
      headers: { 'content-type': 'message/rfc822', 'x-inbound-signature': signatureOf(huge) },
    });
    const anonymous = Buffer.from('Subject: no sender\r\n\r\nHello\r\n');
    await expectStatus('ingestEmail', 422, {
      role: 'anonymous',
      raw: anonymous,
      headers: { 'content-type': 'message/rfc822', 'x-inbound-signature': signatureOf(anonymous) },
    });
    expect(unexpected).toEqual([]);
  });

  it('answers 429 with Retry-After, and 404 where email ingest is off (a second, strict desk)', async () => {
    const strict = await startTestApp({ databaseUrl: t.databaseUrl, env: { RATE_LIMIT_PER_MINUTE: '2' } });
    try {
      const raw = await composeRaw({ from: 'c@customer.example.test', subject: 'x', text: 'x' });
      const off = await strict.http.post('/api/v1/inbound/email', undefined, {
        raw,
        headers: { 'content-type': 'message/rfc822', 'x-inbound-signature': signatureOf(raw) },
      });
      validator.check('ingestEmail', off);
      expect(off.status).toBe(404);
      let limited: HttpResponse | undefined;
      for (let i = 0; i < 3 && limited?.status !== 429; i++) {
        limited = await strict.http.get('/api/v1/auth/me');
        validator.check('getMe', limited);
      }
      expect(limited?.status).toBe(429);
      expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await strict.close();
    }
  });

  it('saw every operation succeed and every documented status, each answer as documented', () => {
    const missing: string[] = [];
    for (const op of operations) {
      const seen = validator.seen.get(op.operation.operationId) ?? new Set<number>();
      if (![...seen].some((status) => status < 300)) missing.push(`${op.operation.operationId}: no success`);
      for (const status of Object.keys(op.operation.responses).map(Number)) {
        if (seen.has(status) || WAIVED[status] || (status === 409 && onlyInProgress(validator, op))) continue;
        missing.push(`${op.operation.operationId}: ${status} never seen`);
      }
    }
    expect(validator.violations).toEqual([]);
    expect(missing).toEqual([]);
  });
});
