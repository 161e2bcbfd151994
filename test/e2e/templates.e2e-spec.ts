// Response templates: CRUD, owner/public/admin rules, derived variables, rendering and its errors.
import { expectError } from '../support/assertions';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

const BASE = '/api/v1/templates';

describe('response templates', () => {
  let t: TestApp;
  let admin: TestUser;
  let alice: TestUser; // agent
  let bob: TestUser; // agent
  let requester: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, alice, bob, requester] = await Promise.all([makeAdmin(t), makeAgent(t), makeAgent(t), makeUser(t)]);
  });
  afterAll(() => t.close());

  let n = 0;
  const create = (body: object, who: TestUser = alice, headers: Record<string, string> = {}) =>
    t.http.post(BASE, body, { token: who.token, headers });
  const createOk = async (body: object = {}, who: TestUser = alice) => {
    const res = await create({ title: `Template ${++n}`, content: 'Hello {name}', ...body }, who);
    if (res.status !== 201) throw new Error(`template create failed: ${res.status} ${res.text}`);
    return res.body as { id: number; title: string; content: string; is_public: boolean; [k: string]: any };
  };

  describe('CRUD', () => {
    it('creates a private template owned by the caller, with its variables derived and sorted', async () => {
      const res = await create({
        title: '  Password reset  ',
        content: 'Hi {customer_name}, about #{ticket.id}: {customer_name}, see {link_1}. {not a var} {1x}',
        category: ' Accounts ',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(Number),
        title: 'Password reset',
        content: 'Hi {customer_name}, about #{ticket.id}: {customer_name}, see {link_1}. {not a var} {1x}',
        category: 'Accounts',
        is_public: false,
        variables: ['customer_name', 'link_1', 'ticket.id'],
        owner: { id: alice.user.id, name: alice.user.name },
      });
      const got = await t.http.get(`${BASE}/${res.body.id}`, { token: alice.token });
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
    });

    it('defaults category to null and takes a 10,000-character content', async () => {
      const res = await create({ title: 'Long', content: 'x'.repeat(10_000) });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ category: null, is_public: false, variables: [] });
    });

    it('updates any subset, recomputes variables, clears the category with null', async () => {
      const template = await createOk({ category: 'Billing' });
      const res = await t.http.patch(
        `${BASE}/${template.id}`,
        { content: 'Dear {first_name} {last_name}', category: null, is_public: true },
        { token: alice.token },
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: template.id,
        title: template.title,
        content: 'Dear {first_name} {last_name}',
        category: null,
        is_public: true,
        variables: ['first_name', 'last_name'],
      });
      const empty = await t.http.patch(`${BASE}/${template.id}`, {}, { token: alice.token });
      expect(empty.status).toBe(200);
      expect(empty.body).toEqual(res.body);
    });

    it('deletes with 204, then answers 404', async () => {
      const template = await createOk();
      const res = await t.http.delete(`${BASE}/${template.id}`, { token: alice.token });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expectError(await t.http.get(`${BASE}/${template.id}`, { token: alice.token }), 404, 'NOT_FOUND');
      expectError(await t.http.delete(`${BASE}/${template.id}`, { token: alice.token }), 404, 'NOT_FOUND');
    });

    it('honours Idempotency-Key on create', async () => {
      const key = `tpl-${Date.now()}`;
      const body = { title: `Idempotent ${key}`, content: 'Once' };
      const first = await create(body, alice, { 'idempotency-key': key });
      const again = await create(body, alice, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.text).toBe(first.text);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM response_templates WHERE title = $1`,
        [body.title],
      );
      expect(count).toBe(1);
    });
  });

  describe('listing', () => {
    let marker: string;
    let own: { id: number };
    let shared: { id: number };
    let hidden: { id: number };

    beforeAll(async () => {
      marker = `m${Date.now().toString(36)}`;
      own = await createOk({ title: `Zeta ${marker}`, category: 'Billing' }, bob);
      shared = await createOk({ title: `alpha ${marker}`, is_public: true, category: 'billing' }, alice);
      hidden = await createOk({ title: `Beta ${marker}`, category: 'Billing' }, alice);
    });

    const list = async (query: string, who: TestUser) => {
      const res = await t.http.get(`${BASE}?${query}`, { token: who.token });
      expect(res.status).toBe(200);
      return res.body as { items: Array<{ id: number }>; total: number; next_offset: number | null };
    };

    it('shows an agent their own and the public ones, by title, paginated; admins see all', async () => {
      const asBob = await list(`q=${marker}`, bob);
      expect(asBob.items.map((i) => i.id)).toEqual([shared.id, own.id]);
      expect(asBob).toMatchObject({ total: 2, total_capped: false, limit: 20, offset: 0, next_offset: null });
      expect((await list(`q=${marker}`, admin)).items.map((i) => i.id)).toEqual([shared.id, hidden.id, own.id]);
      const page = await list(`q=${marker}&limit=1`, admin);
      expect(page).toMatchObject({ total: 3, next_offset: 1 });
    });

    it('filters by title substring (case-insensitive, wildcards literal) and by category label', async () => {
      expect((await list(`q=${marker.toUpperCase()}&category=BILLING`, alice)).items.map((i) => i.id)).toEqual([
        shared.id,
        hidden.id,
      ]);
      expect((await list(`q=${encodeURIComponent(`%${marker}`)}`, admin)).total).toBe(0);
      expect((await list(`q=${marker}&category=Other`, admin)).total).toBe(0);
    });

    it.each(['limit=0', 'limit=101', 'offset=-1', 'q=', 'category=' + 'x'.repeat(101), 'owner_id=1'])(
      'rejects ?%s with 400',
      async (query) => {
        expectError(await t.http.get(`${BASE}?${query}`, { token: alice.token }), 400, 'VALIDATION_FAILED');
      },
    );
  });

  describe('ownership', () => {
    it("hides another agent's private template (404 on every route), not from admins", async () => {
      const secret = await createOk({ content: 'Secret {x}' }, alice);
      const path = `${BASE}/${secret.id}`;
      expectError(await t.http.get(path, { token: bob.token }), 404, 'NOT_FOUND');
      expectError(await t.http.patch(path, { title: 'Mine now' }, { token: bob.token }), 404, 'NOT_FOUND');
      expectError(await t.http.delete(path, { token: bob.token }), 404, 'NOT_FOUND');
      expectError(await t.http.post(`${path}/render`, { context: { x: 1 } }, { token: bob.token }), 404, 'NOT_FOUND');
      expect((await t.http.get(path, { token: admin.token })).status).toBe(200);
    });

    it('lets another agent see and render a public template but not change it (403)', async () => {
      const shared = await createOk({ content: 'Shared {x}', is_public: true }, alice);
      const path = `${BASE}/${shared.id}`;
      expect((await t.http.get(path, { token: bob.token })).body).toMatchObject({ id: shared.id, is_public: true });
      const rendered = await t.http.post(`${path}/render`, { context: { x: 'ok' } }, { token: bob.token });
      expect(rendered.status).toBe(200);
      expectError(await t.http.patch(path, { title: 'Hijacked' }, { token: bob.token }), 403, 'FORBIDDEN');
      expectError(await t.http.delete(path, { token: bob.token }), 403, 'FORBIDDEN');
      const [row] = await t.dataSource.query(`SELECT title FROM response_templates WHERE id = $1`, [shared.id]);
      expect(row.title).toBe(shared.title);
    });

    it("lets an admin change and delete anyone's template; the owner stays", async () => {
      const template = await createOk({}, alice);
      const res = await t.http.patch(`${BASE}/${template.id}`, { title: 'Edited by admin' }, { token: admin.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ title: 'Edited by admin', owner: { id: alice.user.id } });
      expect((await t.http.delete(`${BASE}/${template.id}`, { token: admin.token })).status).toBe(204);
    });

    it('refuses requesters everything with 403, and anonymous callers with 401', async () => {
      const template = await createOk({ is_public: true });
      const path = `${BASE}/${template.id}`;
      expectError(await t.http.get(BASE, { token: requester.token }), 403, 'FORBIDDEN');
      expectError(await t.http.get(path, { token: requester.token }), 403, 'FORBIDDEN');
      expectError(await create({ title: 'x', content: 'y' }, requester), 403, 'FORBIDDEN');
      expectError(await t.http.patch(path, { title: 'x' }, { token: requester.token }), 403, 'FORBIDDEN');
      expectError(await t.http.delete(path, { token: requester.token }), 403, 'FORBIDDEN');
      expectError(await t.http.post(`${path}/render`, { context: {} }, { token: requester.token }), 403, 'FORBIDDEN');
      expectError(await t.http.get(BASE), 401, 'UNAUTHENTICATED');
    });

    it.each(['99999999', '0', 'abc', '99999999999'])('answers id %j with 404', async (id) => {
      expectError(await t.http.get(`${BASE}/${id}`, { token: admin.token }), 404, 'NOT_FOUND');
      expectError(await t.http.patch(`${BASE}/${id}`, { title: 'x' }, { token: admin.token }), 404, 'NOT_FOUND');
      expectError(await t.http.post(`${BASE}/${id}/render`, { context: {} }, { token: admin.token }), 404, 'NOT_FOUND');
    });
  });

  describe('render', () => {
    const content = 'Hi {customer_name}, ticket #{ticket.id} is {status}. Thanks, {customer_name}!';
    let id: number;
    beforeAll(async () => {
      id = (await createOk({ content })).id;
    });
    const render = (body: unknown, who: TestUser = alice) =>
      t.http.post(`${BASE}/${id}/render`, body, { token: who.token });

    it('fills every placeholder, ignores unused names, answers 200', async () => {
      const res = await render({ context: { customer_name: 'Ann', 'ticket.id': 42, status: 'solved', unused: 'x' } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        processed_content: 'Hi Ann, ticket #42 is solved. Thanks, Ann!',
        original_content: content,
        variables: ['customer_name', 'status', 'ticket.id'],
      });
    });

    it('is 422 naming every missing variable', async () => {
      const res = await render({ context: { customer_name: 'Ann' } });
      expectError(res, 422, 'UNPROCESSABLE');
      expect(res.body.error.details).toEqual({ missing: ['status', 'ticket.id'] });
      expect(res.body.error.message).toContain('ticket.id');
      expectError(await render({}), 422, 'UNPROCESSABLE');
    });

    it('inserts values verbatim in one pass: no expansion, no escaping, no evaluation', async () => {
      const res = await render({
        context: { customer_name: '{status}', 'ticket.id': '<script>alert(1)</script>', status: '${1+1} $&' },
      });
      expect(res.status).toBe(200);
      expect(res.body.processed_content).toBe(
        'Hi {status}, ticket #<script>alert(1)</script> is ${1+1} $&. Thanks, {status}!',
      );
    });

    it('renders a template without placeholders with an empty or missing context', async () => {
      const plain = await createOk({ content: 'No variables {here please}' });
      for (const body of [{}, { context: {} }]) {
        const res = await t.http.post(`${BASE}/${plain.id}/render`, body, { token: alice.token });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          processed_content: 'No variables {here please}',
          original_content: 'No variables {here please}',
          variables: [],
        });
      }
    });

    it.each([
      [{ context: { customer_name: { first: 'Ann' }, 'ticket.id': 1, status: 'x' } }],
      [{ context: { customer_name: ['Ann'], 'ticket.id': 1, status: 'x' } }],
      [{ context: { customer_name: null, 'ticket.id': 1, status: 'x' } }],
      [{ context: { customer_name: true, 'ticket.id': 1, status: 'x' } }],
      [{ context: { customer_name: 'x'.repeat(10_001), 'ticket.id': 1, status: 'x' } }],
      [{ context: 'customer_name=Ann' }],
      [{ context: ['Ann'] }],
      [{ context: null }],
      [{ context: {}, extra: 1 }],
    ])('refuses %j with 400', async (body) => {
      const res = await render(body);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.error.details)).toEqual([Object.keys(body).includes('extra') ? 'extra' : 'context']);
    });

    it('refuses a result over 100,000 characters with 422', async () => {
      const big = await createOk({ content: '{v}'.repeat(11) });
      const res = await t.http.post(
        `${BASE}/${big.id}/render`,
        { context: { v: 'x'.repeat(10_000) } },
        { token: alice.token },
      );
      expectError(res, 422, 'UNPROCESSABLE');
    });
  });

  describe('validation', () => {
    it.each([
      [{ content: 'x' }, 'title'],
      [{ title: '   ', content: 'x' }, 'title'],
      [{ title: 'x'.repeat(201), content: 'x' }, 'title'],
      [{ title: 'x' }, 'content'],
      [{ title: 'x', content: '' }, 'content'],
      [{ title: 'x', content: 'x'.repeat(10_001) }, 'content'],
      [{ title: 'x', content: 'x', category: '' }, 'category'],
      [{ title: 'x', content: 'x', category: 'x'.repeat(101) }, 'category'],
      [{ title: 'x', content: 'x', is_public: null }, 'is_public'],
      [{ title: 'x', content: 'x', is_public: 'yes' }, 'is_public'],
      [{ title: 'x', content: 'x', owner_id: 1 }, 'owner_id'],
      [{ title: 'x', content: 'x', variables: ['a'] }, 'variables'],
    ])('refuses %j on create with 400 naming %s', async (body, field) => {
      const res = await create(body);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.error.details)).toContain(field);
    });

    it.each([[{ title: null }], [{ content: null }], [{ is_public: null }], [{ content: '' }], [{ id: 3 }]])(
      'refuses %j on update with 400',
      async (body) => {
        const template = await createOk();
        expectError(
          await t.http.patch(`${BASE}/${template.id}`, body, { token: alice.token }),
          400,
          'VALIDATION_FAILED',
        );
      },
    );
  });
});
