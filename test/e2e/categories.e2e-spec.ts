// Categories: admin CRUD, case-insensitive unique names (also under a race), validation, the role table.
import { randomBytes } from 'node:crypto';
import { CategoriesService } from '../../src/categories/categories.service';
import { expectError } from '../support/assertions';
import { makeTicket } from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

describe('categories', () => {
  let t: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  let requester: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, agent, requester] = await Promise.all([makeAdmin(t), makeAgent(t), makeUser(t)]);
  });
  afterAll(() => t.close());

  const uniqueName = (prefix = 'Category') => `${prefix} ${randomBytes(4).toString('hex')}`;
  const create = (body: object, who: TestUser = admin) => t.http.post('/api/v1/categories', body, { token: who.token });
  const createOk = async (body: object = {}) => {
    const res = await create({ name: uniqueName(), ...body });
    if (res.status !== 201) throw new Error(`category create failed: ${res.status} ${res.text}`);
    return res.body as {
      id: number;
      name: string;
      description: string;
      color: string;
      assignment: string;
      agent_ids: number[];
    };
  };

  describe('CRUD', () => {
    it('creates with defaults, trims the name and reads it back', async () => {
      const name = uniqueName('Billing');
      const res = await create({ name: `  ${name}  ` });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(Number),
        name,
        description: '',
        color: '#6c757d',
        assignment: 'none',
        agent_ids: [],
      });
      const got = await t.http.get(`/api/v1/categories/${res.body.id}`, { token: admin.token });
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
    });

    it('stores the color lower-case and keeps a description', async () => {
      const res = await create({ name: uniqueName(), description: 'Invoices and refunds', color: '#AbCdEf' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ description: 'Invoices and refunds', color: '#abcdef' });
      const [row] = await t.dataSource.query('SELECT color FROM categories WHERE id = $1', [res.body.id]);
      expect(row.color).toBe('#abcdef');
    });

    it('updates any subset of the fields', async () => {
      const category = await createOk({ description: 'before', color: '#111111' });
      const renamed = uniqueName('Renamed');
      const res = await t.http.patch(
        `/api/v1/categories/${category.id}`,
        { name: ` ${renamed} `, color: '#FF0000' },
        { token: admin.token },
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: category.id,
        name: renamed,
        description: 'before',
        color: '#ff0000',
        assignment: 'none',
        agent_ids: [],
      });
      const described = await t.http.patch(
        `/api/v1/categories/${category.id}`,
        { description: '' },
        { token: admin.token },
      );
      expect(described.body).toEqual({ ...res.body, description: '' });
      const empty = await t.http.patch(`/api/v1/categories/${category.id}`, {}, { token: admin.token });
      expect(empty.status).toBe(200);
      expect(empty.body).toEqual(described.body);
    });

    it('lets a category be renamed to another letter case of its own name', async () => {
      const category = await createOk();
      const res = await t.http.patch(
        `/api/v1/categories/${category.id}`,
        { name: category.name.toUpperCase() },
        { token: admin.token },
      );
      expect(res.status).toBe(200);
      expect(res.body.name).toBe(category.name.toUpperCase());
    });

    it('lists every category ordered by name, case-insensitively, without pagination fields', async () => {
      const marker = randomBytes(3).toString('hex');
      const names = [`zeta ${marker}`, `Alpha ${marker}`, `beta ${marker}`];
      for (const name of names) await createOk({ name });
      const res = await t.http.get('/api/v1/categories', { token: admin.token });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(['items']);
      const mine = res.body.items.filter((c: any) => c.name.endsWith(marker)).map((c: any) => c.name);
      expect(mine).toEqual([`Alpha ${marker}`, `beta ${marker}`, `zeta ${marker}`]);
      for (const item of res.body.items)
        expect(Object.keys(item).sort()).toEqual(['agent_ids', 'assignment', 'color', 'description', 'id', 'name']);
    });

    it('deletes with 204, then answers 404', async () => {
      const category = await createOk();
      const res = await t.http.delete(`/api/v1/categories/${category.id}`, { token: admin.token });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expectError(await t.http.get(`/api/v1/categories/${category.id}`, { token: admin.token }), 404, 'NOT_FOUND');
      expectError(await t.http.delete(`/api/v1/categories/${category.id}`, { token: admin.token }), 404, 'NOT_FOUND');
    });

    it("keeps a deleted category's tickets, with no category", async () => {
      const category = await createOk();
      const rows = [
        await makeTicket(t, requester, { title: 'Filed under it', category_id: category.id }),
        await makeTicket(t, requester, { title: 'Also filed under it', category_id: category.id }),
      ];
      expect((await t.http.delete(`/api/v1/categories/${category.id}`, { token: admin.token })).status).toBe(204);
      const after = await t.dataSource.query(`SELECT id, category_id FROM tickets WHERE id = ANY($1) ORDER BY id`, [
        rows.map((r) => r.id),
      ]);
      expect(after).toEqual(rows.map((r) => ({ id: r.id, category_id: null })));
    });
  });

  describe('unique names', () => {
    it('refuses a name taken in another letter case with 409 CONFLICT, on create and on update', async () => {
      const taken = await createOk({ name: uniqueName('Hardware') });
      const dup = await create({ name: taken.name.toUpperCase() });
      expectError(dup, 409, 'CONFLICT');
      expect(dup.body.error.details).toEqual({ name: ['is taken'] });
      expectError(await create({ name: `  ${taken.name.toLowerCase()} ` }), 409, 'CONFLICT');

      const other = await createOk();
      expectError(
        await t.http.patch(
          `/api/v1/categories/${other.id}`,
          { name: taken.name.toLowerCase() },
          { token: admin.token },
        ),
        409,
        'CONFLICT',
      );
      const [row] = await t.dataSource.query('SELECT name FROM categories WHERE id = $1', [other.id]);
      expect(row.name).toBe(other.name);
    });

    it('creates exactly one of 10 concurrent POSTs with the same name; the rest are 409', async () => {
      const name = uniqueName('Race');
      const responses = await Promise.all(Array.from({ length: 10 }, () => create({ name })));
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([201, ...Array(9).fill(409)]);
      for (const res of responses.filter((r) => r.status !== 201)) expectError(res, 409, 'CONFLICT');
      const [{ count }] = await t.dataSource.query(
        'SELECT count(*)::int AS count FROM categories WHERE lower(name) = lower($1)',
        [name],
      );
      expect(count).toBe(1);
    });
    it('maps a unique violation that slips past the check (a lost race) to 409 CONFLICT', async () => {
      // The pre-insert check usually wins the race above; this forces the database's unique index to decide.
      const taken = await createOk();
      const service = t.app.get(CategoriesService) as any;
      const spy = jest.spyOn(service, 'nameTaken').mockResolvedValue(false);
      try {
        const dup = await create({ name: taken.name.toUpperCase() });
        expectError(dup, 409, 'CONFLICT');
        expect(dup.body.error.details).toEqual({ name: ['is taken'] });
        const other = await createOk();
        expectError(
          await t.http.patch(`/api/v1/categories/${other.id}`, { name: taken.name }, { token: admin.token }),
          409,
          'CONFLICT',
        );
        expect(spy).toHaveBeenCalled();
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('validation', () => {
    it.each(['red', '#12345', '#gggggg', '#1234567', '123456', ''])('refuses color %j with 400', async (color) => {
      const res = await create({ name: uniqueName(), color });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.error.details)).toEqual(['color']);
      const category = await createOk();
      const patched = await t.http.patch(`/api/v1/categories/${category.id}`, { color }, { token: admin.token });
      expectError(patched, 400, 'VALIDATION_FAILED');
      expect(Object.keys(patched.body.error.details)).toEqual(['color']);
    });

    it.each([
      [{ name: '' }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ name: 42 }, 'name'],
      [{}, 'name'],
      [{ name: 'ok', description: 'x'.repeat(1001) }, 'description'],
      [{ name: 'ok', description: null }, 'description'],
      [{ name: 'ok', color: null }, 'color'],
    ])('refuses %j on create with 400 naming %s', async (body, field) => {
      const res = await create(body);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.error.details)).toContain(field);
    });

    it('accepts the limits: a 100-character name and a 1000-character description', async () => {
      const name = `${uniqueName()} ${'n'.repeat(100)}`.slice(0, 100);
      const res = await create({ name, description: 'd'.repeat(1000) });
      expect(res.status).toBe(201);
      expect(res.body.name).toHaveLength(100);
    });

    it.each([[{ name: null }], [{ name: '' }], [{ description: null }], [{ name: 'x'.repeat(101) }]])(
      'refuses %j on update with 400',
      async (body) => {
        const category = await createOk();
        expectError(
          await t.http.patch(`/api/v1/categories/${category.id}`, body, { token: admin.token }),
          400,
          'VALIDATION_FAILED',
        );
      },
    );

    it.each([{ id: 5 }, { created_at: '2020-01-01T00:00:00Z' }, { bogus: true }])(
      'refuses the unknown field in %j with 400',
      async (extra) => {
        const res = await create({ name: uniqueName(), ...extra });
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(Object.keys(res.body.error.details)).toEqual(Object.keys(extra));
        const category = await createOk();
        expectError(
          await t.http.patch(`/api/v1/categories/${category.id}`, extra, { token: admin.token }),
          400,
          'VALIDATION_FAILED',
        );
      },
    );
  });

  describe('roles', () => {
    it.each(['agent', 'user'] as const)('refuses POST, PATCH and DELETE to %s with 403 but serves GET', async (who) => {
      const caller = who === 'agent' ? agent : requester;
      const category = await createOk();
      expectError(await create({ name: uniqueName() }, caller), 403, 'FORBIDDEN');
      expectError(
        await t.http.patch(`/api/v1/categories/${category.id}`, { name: uniqueName() }, { token: caller.token }),
        403,
        'FORBIDDEN',
      );
      expectError(await t.http.delete(`/api/v1/categories/${category.id}`, { token: caller.token }), 403, 'FORBIDDEN');
      const [row] = await t.dataSource.query('SELECT name FROM categories WHERE id = $1', [category.id]);
      expect(row.name).toBe(category.name);

      const list = await t.http.get('/api/v1/categories', { token: caller.token });
      expect(list.status).toBe(200);
      expect(list.body.items.map((c: any) => c.id)).toContain(category.id);
      const one = await t.http.get(`/api/v1/categories/${category.id}`, { token: caller.token });
      expect(one.status).toBe(200);
      // A requester sees what the category is, not how the desk routes it.
      const { assignment, agent_ids, ...visible } = category;
      expect(one.body).toEqual(who === 'agent' ? category : visible);
      expect({ assignment, agent_ids }).toEqual({ assignment: 'none', agent_ids: [] });
      if (who === 'user') {
        expect(list.body.items.every((c: object) => !('assignment' in c) && !('agent_ids' in c))).toBe(true);
      }
    });

    it('needs a token', async () => {
      expectError(await t.http.get('/api/v1/categories'), 401, 'UNAUTHENTICATED');
      expectError(await t.http.post('/api/v1/categories', { name: uniqueName() }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('unknown ids', () => {
    it.each(['99999999', '0', '-1', 'abc', '99999999999'])('answers id %j with 404 on every route', async (id) => {
      const path = `/api/v1/categories/${id}`;
      expectError(await t.http.get(path, { token: requester.token }), 404, 'NOT_FOUND');
      expectError(await t.http.patch(path, { name: uniqueName() }, { token: admin.token }), 404, 'NOT_FOUND');
      expectError(await t.http.delete(path, { token: admin.token }), 404, 'NOT_FOUND');
    });
  });
});
