// A fuzzer over every operation of openapi.json: generated and hostile bodies, query strings, path
// ids and headers, sent by every role. Properties: never a 5xx, never a hang, every 4xx in the
// contract's error shape, nothing leaked (stack, SQL, node_modules, argon2 hashes), security
// headers on every answer; afterwards the process is healthy and Object.prototype untouched.
// Replay a failure with the printed FUZZ_SEED (and FUZZ_ONLY=<operationId>); FUZZ_RUNS sets cases per route.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { makeTicket } from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { makeWebhookDelivery } from '../factories/webhooks';
import { assertErrorShape, LEAK_PATTERN } from '../support/assertions';
import { HttpResponse } from '../support/http-client';
import {
  FuzzCase,
  FuzzOperation,
  OpenApiDocument,
  OperationArbitraries,
  operationsOf,
  Role,
} from '../support/openapi-fuzz';
import { RawHttpClient } from '../support/raw-http';
import { startTestApp, TestApp } from '../support/test-app';
import { fuzzSettings } from '../support/test-env';

const settings = fuzzSettings(300);
/** Width and size cases per route, and how long each may take (generous for a loaded 2-core CI). */
const SIZED_RUNS = 4;
const SIZED_DEADLINE_MS = 1_000;
const doc = JSON.parse(readFileSync(join(__dirname, '../../openapi.json'), 'utf8')) as OpenApiDocument;
const allOperations = operationsOf(doc);
const listTickets = allOperations.find((op) => op.operation.operationId === 'listTickets')!;
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
// Deletes last (comments before tickets, restores after them), so the other routes meet live fixtures.
const stage = (op: FuzzOperation) =>
  op.operation.operationId === 'restoreTicket' ? 3 : op.method !== 'DELETE' ? 0 : op.path.includes('comments') ? 1 : 2;
const operations = allOperations
  .filter((op) => !settings.only.length || settings.only.includes(op.operation.operationId))
  .sort((a, b) => stage(a) - stage(b));

describe(`fuzz: every operation of openapi.json (FUZZ_SEED=${settings.seed}, ${settings.runs} cases per route)`, () => {
  let t: TestApp;
  let client: RawHttpClient;
  let arbitraries: OperationArbitraries;
  const people = {} as Record<Exclude<Role, 'anonymous'>, TestUser>;
  const stats = new Map<string, Map<number, number>>();
  let started = 0;

  beforeAll(async () => {
    // HTTP email ingest on, so its route is fuzzed past the 404 of a desk without a secret.
    t = await startTestApp({ env: { INBOUND_SECRET: 'fuzz-inbound-secret-0123456789' } });
    client = new RawHttpClient(t.baseUrl, 10_000);
    const [admin, agent, user, other, victim] = await Promise.all([
      makeAdmin(t),
      makeAgent(t),
      makeUser(t),
      makeUser(t),
      makeUser(t),
    ]);
    Object.assign(people, { admin, agent, user });

    // Fixtures with real ids, all of which the run may change or delete. The role users' own ids
    // are only ever read (GET /users/{id}), so no case can deactivate or demote the callers.
    const category = await t.http.post('/api/v1/categories', { name: 'Fuzz' }, { token: admin.token });
    const tickets = await Promise.all([
      makeTicket(t, user, { category_id: category.body.id, tags: ['fuzz'] }),
      makeTicket(t, other),
      makeTicket(t, agent),
    ]);
    const comments = await Promise.all([
      t.http.post(`/api/v1/tickets/${tickets[0].id}/comments`, { body: 'public' }, { token: user.token }),
      t.http.post(
        `/api/v1/tickets/${tickets[0].id}/comments`,
        { body: 'internal', is_internal: true },
        { token: agent.token },
      ),
      t.http.post(`/api/v1/tickets/${tickets[1].id}/comments`, { body: 'theirs' }, { token: other.token }),
    ]);
    const templates = await Promise.all([
      t.http.post(
        '/api/v1/templates',
        { title: 'Hi', content: 'Hello {name}', is_public: true },
        { token: agent.token },
      ),
      t.http.post('/api/v1/templates', { title: 'Mine', content: 'Private {x}' }, { token: admin.token }),
    ]);
    const filters = await Promise.all([
      t.http.post('/api/v1/filters', { name: 'Open', filter_params: { status: 'open' } }, { token: agent.token }),
      t.http.post(
        '/api/v1/filters',
        { name: 'Public', filter_params: { priority: 'high' }, is_public: true },
        { token: admin.token },
      ),
    ]);
    // Literal public addresses: the app refuses private targets, and the run must not need DNS.
    const webhooks = await Promise.all([
      t.http.post('/api/v1/webhooks', { url: 'https://93.184.216.34/a', events: ['*'] }, { token: admin.token }),
      t.http.post(
        '/api/v1/webhooks',
        { url: 'https://8.8.8.8/b', events: ['ticket.created'], include_internal: true },
        { token: admin.token },
      ),
    ]);
    for (const res of [category, ...comments, ...templates, ...filters, ...webhooks]) {
      if (res.status !== 201) throw new Error(`fixture failed: ${res.status} ${res.text}`);
    }
    const deliveries = await Promise.all([
      makeWebhookDelivery(t, webhooks[0].body.id, { status: 'failed' }),
      makeWebhookDelivery(t, webhooks[0].body.id),
      makeWebhookDelivery(t, webhooks[1].body.id, { status: 'delivered' }),
    ]);

    const pools = {
      tickets: tickets.map((ticket) => ticket.id),
      comments: comments.map((res) => res.body.id as number),
      categories: [category.body.id as number],
      templates: templates.map((res) => res.body.id as number),
      filters: filters.map((res) => res.body.id as number),
      webhooks: webhooks.map((res) => res.body.id as number),
      deliveries: deliveries.map((delivery) => delivery.id),
      changeableUsers: [victim.user.id, other.user.id],
      allUsers: [admin, agent, user, other, victim].map((who) => who.user.id),
    };
    arbitraries = new OperationArbitraries(doc, {
      pathIds: (op: FuzzOperation, param: string) => {
        if (param === 'cid') return pools.comments;
        if (param === 'delivery_id') return pools.deliveries;
        const resource = /^\/api\/v1\/([a-z-]+)\/\{/.exec(op.path)?.[1];
        switch (resource) {
          case 'tickets':
            return pools.tickets;
          case 'categories':
            return pools.categories;
          case 'templates':
            return pools.templates;
          case 'filters':
            return pools.filters;
          case 'webhooks':
            return pools.webhooks;
          case 'users':
            return op.method === 'GET' ? pools.allUsers : pools.changeableUsers;
          case undefined: // not a path below /api/v1/<resource>/
          default:
            return [];
        }
      },
      fieldIds: (field: string) =>
        ({
          category_id: pools.categories,
          assignee_id: [agent.user.id, admin.user.id],
          requester_id: pools.allUsers,
          parent_id: pools.comments,
          ids: pools.tickets,
          filter_id: pools.filters,
        })[field] ?? [],
      anyIds: [...new Set(Object.values(pools).flat())],
      // Saved filters hold GET /tickets parameters (but not its paging or filter_id).
      dictionaryEntries: (field: string) =>
        field === 'filter_params'
          ? listTickets.operation.parameters?.filter((p) => !['limit', 'offset', 'filter_id'].includes(p.name))
          : undefined,
    });
    started = Date.now();
  });

  afterAll(async () => {
    client?.close();
    await t?.close();
  });

  const send = (c: FuzzCase): Promise<HttpResponse> => {
    const token = c.role === 'anonymous' ? undefined : people[c.role].token;
    return client.send({
      method: c.method,
      path: c.url,
      headers: token ? { ...c.headers, authorization: `Bearer ${token}` } : c.headers,
      body: c.body,
    });
  };

  /** The properties every answer must have, whatever was sent. */
  function checkResponse(res: HttpResponse): void {
    expect(res.status).toBeLessThan(500);
    expect(res.status).toBeGreaterThanOrEqual(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-request-id')).toEqual(expect.any(String));
    expect(res.text).not.toMatch(LEAK_PATTERN);
    if (res.status >= 400) {
      assertErrorShape(res);
    } else if (res.status !== 204 && res.text) {
      expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json\b/);
      expect(res.body).toBeDefined();
    }
  }

  const describeCase = (c: FuzzCase, res?: HttpResponse): string => {
    const clip = (text: string | undefined, n: number) =>
      text === undefined ? '(none)' : text.length > n ? `${text.slice(0, n)}… (${text.length} chars)` : text;
    const answer = res ? `→ ${res.status} ${clip(res.text, 400)}` : '→ no answer';
    return `${c.role} ${c.method} ${clip(c.url, 300)} headers=${JSON.stringify(c.headers)} body=${clip(c.body, 300)} ${answer}`;
  };

  operations.forEach((op) => {
    const index = allOperations.indexOf(op);
    const name = `${op.method} ${op.path} (${op.operation.operationId})`;

    it(`${name}: no 5xx, contract-shaped errors, no leaks`, async () => {
      const counts = new Map<number, number>();
      stats.set(name, counts);
      const property = fc.asyncProperty(arbitraries.requestFor(op), async (c) => {
        let res: HttpResponse | undefined;
        try {
          res = await send(c);
          counts.set(res.status, (counts.get(res.status) ?? 0) + 1);
          checkResponse(res);
        } catch (error) {
          throw new Error(`${describeCase(c, res)}\n${(error as Error).message}`, { cause: error });
        }
      });
      try {
        await fc.assert(property, { numRuns: settings.runs, seed: settings.seed + index });
      } catch (error) {
        const cause = (error as Error).cause as Error | undefined;
        throw new Error(
          `${(error as Error).message}\n${cause?.message ?? ''}\n\nReplay: FUZZ_SEED=${settings.seed} ` +
            `FUZZ_ONLY=${op.operation.operationId} npx jest test/e2e/fuzz ` +
            `(this route ran with fast-check seed ${settings.seed + index})`,
          { cause: error },
        );
      }
    }, 120_000);
  });

  // API.md, "Bounded work": wide and large input (up to ~1 MB) is refused or served quickly, so
  // no request can hold the event loop. A few cases per route keep the whole run within ~10 s.
  it(`width and size: every operation answers each case within ${SIZED_DEADLINE_MS} ms, never 5xx`, async () => {
    const counts = new Map<number, number>();
    stats.set('width and size (all routes)', counts);
    for (const op of operations) {
      const property = fc.asyncProperty(arbitraries.sizedRequestFor(op), async (c) => {
        let res: HttpResponse | undefined;
        try {
          const started = performance.now();
          res = await send(c);
          const ms = performance.now() - started;
          counts.set(res.status, (counts.get(res.status) ?? 0) + 1);
          checkResponse(res);
          // Was ~9 s for a wide object on any route with a body.
          expect(ms).toBeLessThan(SIZED_DEADLINE_MS);
        } catch (error) {
          throw new Error(`${describeCase(c, res)}\n${(error as Error).message}`, { cause: error });
        }
      });
      await fc.assert(property, { numRuns: SIZED_RUNS, seed: settings.seed + allOperations.indexOf(op) });
    }
  }, 120_000);

  it('leaves the process healthy, the callers intact and Object.prototype unpolluted', async () => {
    const health = await t.http.get('/api/health');
    expect(health.status).toBe(200);
    for (const [role, who] of Object.entries(people)) {
      const me = await t.http.get('/api/v1/auth/me', { token: who.token });
      expect({ role, status: me.status, me: me.body?.role }).toEqual({ role, status: 200, me: role });
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    const probe = {} as Record<string, unknown>;
    expect([probe.polluted, probe.role, probe.isAdmin]).toEqual([undefined, undefined, undefined]);

    const total = [...stats.values()].reduce((sum, counts) => sum + [...counts.values()].reduce((a, b) => a + b, 0), 0);
    const lines = [...stats].map(
      ([route, counts]) =>
        `${route}: ${[...counts]
          .sort(([a], [b]) => a - b)
          .map(([status, n]) => `${status}×${n}`)
          .join(' ')}`,
    );
    console.log(
      `fuzz: ${total} requests over ${stats.size} operations in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
        `(FUZZ_SEED=${settings.seed})\n${lines.join('\n')}`,
    );
  });
});
