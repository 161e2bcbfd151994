// Idempotency-Key: at most one resource per key, whatever the concurrency, the instance or Redis.
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { IdempotencyPurgeService } from '../../src/idempotency/idempotency-purge.service';
import { TicketReader } from '../../src/tickets/read/ticket-reader';
import { expectError, waitFor } from '../support/assertions';
import { UserRole } from '../../src/common/user-role';
import { UsersService } from '../../src/users/users.service';
import { makeUser, TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

// A Redis database of its own, so FLUSHDB here cannot disturb the other test files.
const PRIVATE_REDIS = 'redis://127.0.0.1:6379/7';
/** An admin acting through the service (the demotion is not what these tests are about). */
const ADMIN_CALLER = { id: 0, role: UserRole.ADMIN, email: 'admin@example.test', name: 'Admin' };

describe('idempotency keys', () => {
  let a: TestApp;
  let b: TestApp;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    a = await startTestApp({ env: { REDIS_URL: PRIVATE_REDIS } });
    b = await startTestApp({ databaseUrl: a.databaseUrl, env: { REDIS_URL: PRIVATE_REDIS } });
    [alice, bob] = await Promise.all([makeUser(a), makeUser(a)]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  let n = 0;
  const newKey = () => `key-${Date.now()}-${++n}`;
  const create = (
    app: TestApp,
    who: TestUser,
    key: string | undefined,
    body: object = { title: 'Idem', description: 'x' },
  ) =>
    app.http.post('/api/v1/tickets', body, {
      token: who.token,
      headers: key === undefined ? {} : { 'idempotency-key': key },
    });
  const ticketsWithTitle = async (title: string) =>
    (await a.dataSource.query(`SELECT count(*)::int AS n FROM tickets WHERE title = $1`, [title]))[0].n as number;

  it('creates exactly one ticket from 20 concurrent requests with one key', async () => {
    const key = newKey();
    const title = `concurrent ${key}`;
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => create(a, alice, key, { title, description: 'x' })),
    );
    const created = responses.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(new Set(created.map((r) => r.text)).size).toBe(1);
    expect(await ticketsWithTitle(title)).toBe(1);
    const [{ events }] = await a.dataSource.query(
      `SELECT count(*)::int AS events FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.title = $1`,
      [title],
    );
    expect(events).toBe(1);
  });

  describe('a key held by a transaction still running elsewhere', () => {
    /** Claims `key` for alice's POST /tickets in a transaction of its own, left open. */
    async function holdKey(key: string): Promise<Client> {
      const holder = new Client({ connectionString: a.databaseUrl });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query(
        `INSERT INTO idempotency_keys (user_id, method, route, key, fingerprint) VALUES ($1, 'POST', $2, $3, $4)`,
        [alice.user.id, '/api/v1/tickets {}', key, '0'.repeat(64)],
      );
      return holder;
    }
    /** Until a backend of the app waits for a lock (the request is blocked on the held key). */
    async function blockedOnLock(): Promise<void> {
      await waitFor(async () => {
        const [{ n }] = await a.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%idempotency_key%'`,
        );
        return n > 0;
      });
    }

    it('waits for it, and runs as new once it rolls back', async () => {
      const key = newKey();
      const holder = await holdKey(key);
      try {
        const pending = create(a, alice, key, { title: 'after the holder', description: 'x' });
        await blockedOnLock();
        await holder.query('ROLLBACK');
        expect((await pending).status).toBe(201);
        expect(await ticketsWithTitle('after the holder')).toBe(1);
      } finally {
        await holder.end();
      }
    });

    it('answers 409 IDEMPOTENCY_IN_PROGRESS after waiting 10 s, and the request after it runs normally', async () => {
      const key = newKey();
      const holder = await holdKey(key);
      try {
        const started = Date.now();
        expectError(await create(a, alice, key), 409, 'IDEMPOTENCY_IN_PROGRESS');
        expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
      } finally {
        await holder.query('ROLLBACK');
        await holder.end();
      }
      // The wait applied to the claim only: the same connection serves an ordinary create.
      expect((await create(a, alice, newKey())).status).toBe(201);
    }, 30_000);
  });

  it('replays the stored response byte for byte, marked as a replay', async () => {
    const key = newKey();
    const first = await create(a, alice, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await create(a, alice, key);
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('scopes by the matched route, so another spelling of the path replays', async () => {
    const key = newKey();
    const title = `spelling ${key}`;
    const first = await create(a, alice, key, { title, description: 'x' });
    const escaped = await a.http.post(
      '/api/%761/tickets',
      { title, description: 'x' },
      { token: alice.token, headers: { 'idempotency-key': key } },
    );
    expect(escaped.text).toBe(first.text);
    expect(await ticketsWithTitle(title)).toBe(1);
  });

  it('refuses the same key with another body with 422', async () => {
    const key = newKey();
    await create(a, alice, key, { title: 'one', description: 'x' });
    expectError(await create(a, alice, key, { title: 'two', description: 'x' }), 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await ticketsWithTitle('two')).toBe(0);
  });

  it('scopes keys to the caller: two users, one key, two tickets', async () => {
    const key = newKey();
    const title = `shared key ${key}`;
    const fromAlice = await create(a, alice, key, { title, description: 'x' });
    const fromBob = await create(a, bob, key, { title, description: 'x' });
    expect([fromAlice.status, fromBob.status]).toEqual([201, 201]);
    expect(fromAlice.body.id).not.toBe(fromBob.body.id);
    expect(await ticketsWithTitle(title)).toBe(2);
  });

  it('replays on another instance, and after Redis is flushed', async () => {
    const key = newKey();
    const first = await create(a, alice, key);
    const redis = new Redis(PRIVATE_REDIS);
    try {
      await redis.flushdb();
    } finally {
      redis.disconnect();
    }
    const onB = await create(b, alice, key);
    expect(onB.status).toBe(201);
    expect(onB.text).toBe(first.text);
    expect(onB.headers.get('idempotent-replayed')).toBe('true');
  });

  it('leaves no ticket, event or key behind when the handler fails after writing, so a retry succeeds', async () => {
    const key = newKey();
    const title = `fails once ${key}`;
    const reader = a.app.get(TicketReader);
    const spy = jest.spyOn(reader, 'loadPresented').mockRejectedValueOnce(new Error('boom after the inserts'));
    try {
      const failed = await create(a, alice, key, { title, description: 'x' });
      expectError(failed, 500, 'INTERNAL');
    } finally {
      spy.mockRestore();
    }
    expect(await ticketsWithTitle(title)).toBe(0);
    const [{ keys }] = await a.dataSource.query(`SELECT count(*)::int AS keys FROM idempotency_keys WHERE key = $1`, [
      key,
    ]);
    expect(keys).toBe(0);
    const retry = await create(a, alice, key, { title, description: 'x' });
    expect(retry.status).toBe(201);
    expect(await ticketsWithTitle(title)).toBe(1);
  });

  it('does not store failures: a 4xx can be retried with the same key', async () => {
    const key = newKey();
    expectError(
      await create(a, alice, key, { title: 'bad', description: 'x', category_id: 999999 }),
      422,
      'UNPROCESSABLE',
    );
    expect((await create(a, alice, key, { title: 'good', description: 'x' })).status).toBe(201);
  });

  it('rejects a key longer than 255 characters with 400', async () => {
    expectError(await create(a, alice, 'k'.repeat(256)), 400, 'VALIDATION_FAILED');
    expect((await create(a, alice, 'k'.repeat(255))).status).toBe(201);
  });

  it('creates every time without a key', async () => {
    const title = `no key ${Date.now()}`;
    await create(a, alice, undefined, { title, description: 'x' });
    await create(a, alice, undefined, { title, description: 'x' });
    expect(await ticketsWithTitle(title)).toBe(2);
  });

  it('forgets keys after 24 hours: the purge deletes them and an expired key creates anew', async () => {
    const key = newKey();
    const title = `expired ${key}`;
    await create(a, alice, key, { title, description: 'x' });
    await a.dataSource.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1`, [
      key,
    ]);
    // Before the purge runs, an expired key is not replayed.
    expect((await create(a, alice, key, { title, description: 'x' })).headers.get('idempotent-replayed')).toBeNull();
    expect(await ticketsWithTitle(title)).toBe(2);
    await a.dataSource.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1`, [
      key,
    ]);
    expect(await a.app.get(IdempotencyPurgeService).purge()).toBeGreaterThanOrEqual(1);
    const [{ n: left }] = await a.dataSource.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [
      key,
    ]);
    expect(left).toBe(0);
  });

  it('covers comments too, scoped to the ticket path', async () => {
    const ticket = (await create(a, alice, undefined)).body;
    const key = newKey();
    const post = () =>
      a.http.post(
        `/api/v1/tickets/${ticket.id}/comments`,
        { body: 'once' },
        { token: alice.token, headers: { 'idempotency-key': key } },
      );
    const [one, two] = [await post(), await post()];
    expect(two.text).toBe(one.text);
    const [{ n: count }] = await a.dataSource.query(`SELECT count(*)::int AS n FROM comments WHERE ticket_id = $1`, [
      ticket.id,
    ]);
    expect(count).toBe(1);
  });

  it('answers a replay only while the caller may still do it: a demoted agent gets 403 and 404, not the replay', async () => {
    const agent = await makeUser(a, { role: UserRole.AGENT });
    const ticket = (await create(a, alice, undefined)).body;
    const note = { body: 'internal', is_internal: true };
    const reply = { body: 'public reply' };
    const [noteKey, replyKey] = [newKey(), newKey()];
    const post = (body: object, key: string) =>
      a.http.post(`/api/v1/tickets/${ticket.id}/comments`, body, {
        token: agent.token,
        headers: { 'idempotency-key': key },
      });
    expect((await post(note, noteKey)).status).toBe(201);
    expect((await post(reply, replyKey)).status).toBe(201);
    // Still allowed: the replay is answered.
    expect((await post(reply, replyKey)).headers.get('idempotent-replayed')).toBe('true');

    await a.app.get(UsersService).update(ADMIN_CALLER, agent.user.id, { role: UserRole.USER });
    // Once authentication sees the new role (the instances here do not share a Redis prefix, so the
    // other one's user cache forgets it within its 5 s TTL): staff-only routes refuse the caller.
    await waitFor(async () => (await a.http.get('/api/v1/users', { token: agent.token })).status === 403);
    // A requester may not write internal notes, and cannot see another requester's ticket.
    const note403 = await post(note, noteKey);
    expectError(note403, 403, 'FORBIDDEN');
    expect(note403.headers.get('idempotent-replayed')).toBeNull();
    expectError(await post(reply, replyKey), 404, 'NOT_FOUND');
    // Nothing was written by the refused replays.
    const [{ n }] = await a.dataSource.query(`SELECT count(*)::int AS n FROM comments WHERE ticket_id = $1`, [
      ticket.id,
    ]);
    expect(n).toBe(2);
  });
});
