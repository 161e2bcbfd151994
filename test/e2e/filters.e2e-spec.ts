// Saved filters: validated by the GET /tickets query DTO, owner/public rules, and applied with
// `GET /tickets?filter_id=` under the explicit params.
import { expectError } from '../support/assertions';
import { makeTicket } from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

const BASE = '/api/v1/filters';

describe('saved filters', () => {
  let t: TestApp;
  let admin: TestUser;
  let alice: TestUser; // agent
  let bob: TestUser; // agent
  let requester: TestUser;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp();
    [admin, alice, bob, requester] = await Promise.all([makeAdmin(t), makeAgent(t), makeAgent(t), makeUser(t)]);
    const make = async (key: string, priority: string, status?: string) => {
      const ticket = await makeTicket(t, requester, { title: `Filter ticket ${key}`, priority });
      ids[key] = ticket.id;
      if (status) {
        const res = await t.http.patch(`/api/v1/tickets/${ticket.id}`, { version: 1, status }, { token: alice.token });
        expect(res.status).toBe(200);
      }
    };
    await make('openHigh', 'high');
    await make('openLow', 'low');
    await make('pendingHigh', 'high', 'pending');
    await make('pendingLow', 'low', 'pending');
    await make('progressHigh', 'high', 'in_progress');
    await make('resolvedHigh', 'high', 'resolved');
    const assigned = await t.http.post(
      `/api/v1/tickets/${ids.openLow}/assign`,
      { assignee_id: bob.user.id },
      { token: bob.token },
    );
    expect(assigned.status).toBe(200);
  });
  afterAll(() => t.close());

  let n = 0;
  const create = (body: object, who: TestUser = alice, headers: Record<string, string> = {}) =>
    t.http.post(BASE, body, { token: who.token, headers });
  const createOk = async (body: object, who: TestUser = alice) => {
    const res = await create({ name: `Filter ${++n}`, ...body }, who);
    if (res.status !== 201) throw new Error(`filter create failed: ${res.status} ${res.text}`);
    return res.body as { id: number; name: string; filter_params: Record<string, string>; is_public: boolean };
  };
  const ticketIds = async (query: string, who: TestUser = alice) => {
    const res = await t.http.get(`/api/v1/tickets?${query}`, { token: who.token });
    expect(res.status).toBe(200);
    return (res.body.items as Array<{ id: number }>).map((item) => item.id);
  };

  describe('CRUD', () => {
    it('stores the params in their query-string form and reads them back', async () => {
      const res = await create({
        name: '  Hot queue  ',
        filter_params: { status: 'open,pending', priority: 'high', category_id: 7, is_breached: false },
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(Number),
        name: 'Hot queue',
        filter_params: { status: 'open,pending', priority: 'high', category_id: '7', is_breached: 'false' },
        is_public: false,
        owner: { id: alice.user.id, name: alice.user.name },
      });
      const got = await t.http.get(`${BASE}/${res.body.id}`, { token: alice.token });
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
      const [row] = await t.dataSource.query(`SELECT filter_params FROM saved_filters WHERE id = $1`, [res.body.id]);
      expect(row.filter_params).toEqual(res.body.filter_params);
    });

    it('accepts every ticket list parameter, and an empty filter', async () => {
      const all = {
        status: 'open',
        priority: 'urgent,high',
        assignee_id: 'me',
        requester_id: '3',
        category_id: '1',
        tag: 'vpn',
        is_breached: 'true',
        created_after: '2025-01-01T00:00:00Z',
        created_before: '2030-01-01',
        q: 'printer',
        search: 'printer',
        sort: '-priority',
      };
      expect((await create({ name: 'Everything', filter_params: all })).status).toBe(201);
      expect((await create({ name: 'Nothing', filter_params: {} })).status).toBe(201);
    });

    it('updates name, params (replaced as a whole) and visibility; deletes with 204', async () => {
      const filter = await createOk({ filter_params: { status: 'open', priority: 'low' } });
      const res = await t.http.patch(
        `${BASE}/${filter.id}`,
        { name: 'Renamed', filter_params: { priority: 'urgent' }, is_public: true },
        { token: alice.token },
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Renamed', filter_params: { priority: 'urgent' }, is_public: true });
      expect((await t.http.delete(`${BASE}/${filter.id}`, { token: alice.token })).status).toBe(204);
      expectError(await t.http.get(`${BASE}/${filter.id}`, { token: alice.token }), 404, 'NOT_FOUND');
    });

    it('honours Idempotency-Key on create', async () => {
      const key = `filter-${Date.now()}`;
      const body = { name: `Idempotent ${key}`, filter_params: { status: 'open' } };
      const first = await create(body, alice, { 'idempotency-key': key });
      const again = await create(body, alice, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      expect(again.text).toBe(first.text);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
    });

    it('lists own and public filters by name, paginated', async () => {
      const marker = `z${Date.now().toString(36)}`;
      const mine = await createOk({ name: `${marker} b`, filter_params: {} }, bob);
      const shared = await createOk({ name: `${marker} a`, filter_params: {}, is_public: true }, alice);
      const secret = await createOk({ name: `${marker} c`, filter_params: {} }, alice);
      const list = async (who: TestUser) => {
        const res = await t.http.get(`${BASE}?limit=100`, { token: who.token });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ total_capped: false, limit: 100, offset: 0 });
        return (res.body.items as Array<{ id: number; name: string }>)
          .filter((f) => f.name.startsWith(marker))
          .map((f) => f.id);
      };
      expect(await list(bob)).toEqual([shared.id, mine.id]);
      expect(await list(alice)).toEqual([shared.id, secret.id]);
      expect(await list(admin)).toEqual([shared.id]); // private filters are their owner's alone
    });
  });

  describe('validation with the GET /tickets query DTO', () => {
    it('refuses an invalid status with 400 naming filter_params.status', async () => {
      const res = await create({ name: 'Bad', filter_params: { status: 'open,nope' } });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.error.details)).toEqual(['filter_params.status']);
      expect(res.body.error.message).toContain('status');
    });

    it('refuses an unknown parameter with 400 naming it', async () => {
      const res = await create({ name: 'Bad', filter_params: { status: 'open', bogus: '1' } });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.details).toEqual({ 'filter_params.bogus': ['is not an allowed field'] });
    });

    it('names every bad parameter at once', async () => {
      const res = await create({
        name: 'Bad',
        filter_params: { priority: 'critical', sort: 'title', assignee_id: 'someone', created_after: 'yesterday' },
      });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.error.details).sort()).toEqual([
        'filter_params.assignee_id',
        'filter_params.created_after',
        'filter_params.priority',
        'filter_params.sort',
      ]);
    });

    it.each(['limit', 'offset', 'filter_id'])('refuses to save %s', async (key) => {
      const res = await create({ name: 'Bad', filter_params: { [key]: '5' } });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.error.details)).toEqual([`filter_params.${key}`]);
    });

    it.each([
      [{ name: 'Bad', filter_params: ['status=open'] }, 'filter_params'],
      [{ name: 'Bad', filter_params: 'status=open' }, 'filter_params'],
      [{ name: 'Bad', filter_params: null }, 'filter_params'],
      [{ name: 'Bad', filter_params: { status: ['open'] } }, 'filter_params'],
      [{ name: 'Bad', filter_params: { status: { in: 'open' } } }, 'filter_params'],
      [{ name: 'Bad', filter_params: { q: 'x'.repeat(501) } }, 'filter_params'],
      [{ name: 'Bad' }, 'filter_params'],
      [{ filter_params: {} }, 'name'],
      [{ name: ' ', filter_params: {} }, 'name'],
      [{ name: 'x'.repeat(101), filter_params: {} }, 'name'],
      [{ name: 'Bad', filter_params: {}, is_public: null }, 'is_public'],
      [{ name: 'Bad', filter_params: {}, owner_id: 1 }, 'owner_id'],
    ])('refuses %j with 400 naming %s', async (body, field) => {
      const res = await create(body);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.error.details)).toEqual([field]);
    });

    it('refuses invalid params on update and keeps the saved ones', async () => {
      const filter = await createOk({ filter_params: { status: 'open' } });
      const res = await t.http.patch(
        `${BASE}/${filter.id}`,
        { filter_params: { status: 'nope' } },
        { token: alice.token },
      );
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.error.details)).toEqual(['filter_params.status']);
      const [row] = await t.dataSource.query(`SELECT filter_params FROM saved_filters WHERE id = $1`, [filter.id]);
      expect(row.filter_params).toEqual({ status: 'open' });
    });
  });

  describe('GET /tickets?filter_id=', () => {
    it('returns exactly what the saved params select', async () => {
      const params = { status: 'open,pending', priority: 'high' };
      const filter = await createOk({ filter_params: params });
      const direct = await ticketIds(new URLSearchParams(params).toString());
      expect([...direct].sort()).toEqual([ids.openHigh, ids.pendingHigh].sort());
      expect(await ticketIds(`filter_id=${filter.id}`)).toEqual(direct);
    });

    it('lets an explicit parameter override the saved one and keeps the others', async () => {
      const filter = await createOk({ filter_params: { status: 'open,pending', priority: 'high' } });
      expect((await ticketIds(`filter_id=${filter.id}&priority=low`)).sort()).toEqual(
        [ids.openLow, ids.pendingLow].sort(),
      );
      expect(await ticketIds(`filter_id=${filter.id}&status=in_progress`)).toEqual([ids.progressHigh]);
      // Pagination is always the request's.
      const page = await t.http.get(`/api/v1/tickets?filter_id=${filter.id}&limit=1`, { token: alice.token });
      expect(page.body).toMatchObject({ total: 2, limit: 1, next_offset: 1 });
    });

    it('treats q and search as one parameter when overriding', async () => {
      const filter = await createOk({ filter_params: { q: 'nothing-matches-this' } });
      expect(await ticketIds(`filter_id=${filter.id}`)).toEqual([]);
      const [{ title }] = await t.dataSource.query(`SELECT title FROM tickets WHERE id = $1`, [ids.resolvedHigh]);
      expect(await ticketIds(`filter_id=${filter.id}&search=${encodeURIComponent(`"${title}"`)}`)).toEqual([
        ids.resolvedHigh,
      ]);
    });

    it('resolves assignee_id=me to whoever applies a public filter', async () => {
      const filter = await createOk({ filter_params: { assignee_id: 'me' }, is_public: true }, alice);
      expect(await ticketIds(`filter_id=${filter.id}`, bob)).toEqual([ids.openLow]);
      expect(await ticketIds(`filter_id=${filter.id}`, alice)).toEqual([]);
    });

    it("is 404 for another agent's private filter, and works with a public one", async () => {
      const secret = await createOk({ filter_params: { priority: 'low' } }, alice);
      expectError(await t.http.get(`${BASE}/${secret.id}`, { token: bob.token }), 404, 'NOT_FOUND');
      expectError(await t.http.get(`/api/v1/tickets?filter_id=${secret.id}`, { token: bob.token }), 404, 'NOT_FOUND');
      expectError(await t.http.get(`/api/v1/tickets?filter_id=${secret.id}`, { token: admin.token }), 404, 'NOT_FOUND');
      const shared = await createOk({ filter_params: { priority: 'low' }, is_public: true }, alice);
      expect((await ticketIds(`filter_id=${shared.id}`, bob)).sort()).toEqual([ids.openLow, ids.pendingLow].sort());
    });

    it('is 404 for a filter that does not exist and 400 for a malformed id', async () => {
      expectError(await t.http.get('/api/v1/tickets?filter_id=99999999', { token: alice.token }), 404, 'NOT_FOUND');
      for (const bad of ['abc', '0', '-1', '1.5', '99999999999']) {
        expectError(
          await t.http.get(`/api/v1/tickets?filter_id=${bad}`, { token: alice.token }),
          400,
          'VALIDATION_FAILED',
        );
      }
    });

    it('is 404 for a requester, even with a public filter', async () => {
      const shared = await createOk({ filter_params: { priority: 'high' }, is_public: true });
      expectError(
        await t.http.get(`/api/v1/tickets?filter_id=${shared.id}`, { token: requester.token }),
        404,
        'NOT_FOUND',
      );
    });

    it('is 422 when stored params are no longer a valid query', async () => {
      const filter = await createOk({ filter_params: { status: 'open' } });
      await t.dataSource.query(`UPDATE saved_filters SET filter_params = '{"status": "gone"}' WHERE id = $1`, [
        filter.id,
      ]);
      const res = await t.http.get(`/api/v1/tickets?filter_id=${filter.id}`, { token: alice.token });
      expectError(res, 422, 'UNPROCESSABLE');
      expect(Object.keys(res.body.error.details.filter_params)).toEqual(['status']);
    });
  });

  describe('ownership', () => {
    it('lets another agent see a public filter but not change it (403)', async () => {
      const shared = await createOk({ filter_params: {}, is_public: true }, alice);
      const path = `${BASE}/${shared.id}`;
      expect((await t.http.get(path, { token: bob.token })).status).toBe(200);
      expectError(await t.http.patch(path, { name: 'Mine' }, { token: bob.token }), 403, 'FORBIDDEN');
      expectError(await t.http.delete(path, { token: bob.token }), 403, 'FORBIDDEN');
    });

    it("hides another agent's private filter on every route, from admins too", async () => {
      const secret = await createOk({ filter_params: {} }, alice);
      const path = `${BASE}/${secret.id}`;
      for (const who of [bob, admin]) {
        expectError(await t.http.get(path, { token: who.token }), 404, 'NOT_FOUND');
        expectError(await t.http.patch(path, { name: 'x' }, { token: who.token }), 404, 'NOT_FOUND');
        expectError(await t.http.delete(path, { token: who.token }), 404, 'NOT_FOUND');
      }
    });

    it('lets an admin curate a public filter', async () => {
      const shared = await createOk({ filter_params: {}, is_public: true }, alice);
      const res = await t.http.patch(`${BASE}/${shared.id}`, { name: 'Curated' }, { token: admin.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Curated', owner: { id: alice.user.id } });
      expect((await t.http.delete(`${BASE}/${shared.id}`, { token: admin.token })).status).toBe(204);
    });

    it('refuses requesters with 403 and anonymous callers with 401', async () => {
      expectError(await t.http.get(BASE, { token: requester.token }), 403, 'FORBIDDEN');
      expectError(await create({ name: 'x', filter_params: {} }, requester), 403, 'FORBIDDEN');
      expectError(await t.http.get(`${BASE}/1`, { token: requester.token }), 403, 'FORBIDDEN');
      expectError(await t.http.get(BASE), 401, 'UNAUTHENTICATED');
    });

    it.each(['99999999', '0', 'abc'])('answers id %j with 404', async (id) => {
      expectError(await t.http.get(`${BASE}/${id}`, { token: alice.token }), 404, 'NOT_FOUND');
      expectError(await t.http.patch(`${BASE}/${id}`, { name: 'x' }, { token: alice.token }), 404, 'NOT_FOUND');
      expectError(await t.http.delete(`${BASE}/${id}`, { token: alice.token }), 404, 'NOT_FOUND');
    });
  });
});
