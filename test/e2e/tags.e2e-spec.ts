// Tags in use: counts over live tickets only, most used first, ties by name; agents and admins only.
import { expectError } from '../support/assertions';
import { restoreTickets, softDeleteTickets } from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

describe('tags', () => {
  let t: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  let requester: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, agent, requester] = await Promise.all([makeAdmin(t), makeAgent(t), makeUser(t)]);
  });
  afterAll(() => t.close());

  /** Inserts a ticket with these tags straight into the database; returns its id. */
  const seedTicket = async (tags: string[], { deleted = false } = {}): Promise<number> => {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO tickets (title, description, requester_id, first_response_due_at, resolution_due_at, deleted_at)
       VALUES ('Seeded', 'x', $1, now() + interval '1 hour', now() + interval '1 day', CASE WHEN $2 THEN now() END)
       RETURNING id`,
      [requester.user.id, deleted],
    );
    if (tags.length) {
      await t.dataSource.query(`INSERT INTO tags (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`, [
        tags,
      ]);
      await t.dataSource.query(
        `INSERT INTO ticket_tags (ticket_id, tag_id) SELECT $1, id FROM tags WHERE name = ANY($2::text[])`,
        [id, tags],
      );
    }
    return id;
  };

  // This file owns its database clone, so the whole list is known.
  beforeAll(async () => {
    await seedTicket(['login', 'billing', 'vpn']);
    await seedTicket(['login', 'billing']);
    await seedTicket(['login', 'apple']);
    await seedTicket(['zebra']);
    // Soft-deleted tickets count for nothing: 'vpn' would tie with 'billing', 'ghost' would appear.
    await seedTicket(['vpn', 'ghost', 'login'], { deleted: true });
    await seedTicket(['ghost'], { deleted: true });
    // A tag no ticket uses.
    await t.dataSource.query(`INSERT INTO tags (name) VALUES ('unused')`);
  });

  it('counts live tickets per tag, most used first, ties by name, unused tags left out', async () => {
    const res = await t.http.get('/api/v1/tags', { token: agent.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        { name: 'login', count: 3 },
        { name: 'billing', count: 2 },
        { name: 'apple', count: 1 },
        { name: 'vpn', count: 1 },
        { name: 'zebra', count: 1 },
      ],
    });
  });

  it('follows soft delete and restore of a ticket', async () => {
    const id = await seedTicket(['zebra', 'apple']);
    const counts = async () =>
      Object.fromEntries(
        (await t.http.get('/api/v1/tags', { token: admin.token })).body.items.map((i: any) => [i.name, i.count]),
      );
    expect(await counts()).toMatchObject({ zebra: 2, apple: 2 });
    await softDeleteTickets(t, id);
    expect(await counts()).toMatchObject({ zebra: 1, apple: 1 });
    await restoreTickets(t, id);
    expect(await counts()).toMatchObject({ zebra: 2, apple: 2 });
    await softDeleteTickets(t, id);
  });

  it('serves admins too', async () => {
    const res = await t.http.get('/api/v1/tags', { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toEqual({ name: 'login', count: 3 });
  });

  it('refuses requesters with 403 and anonymous callers with 401', async () => {
    expectError(await t.http.get('/api/v1/tags', { token: requester.token }), 403, 'FORBIDDEN');
    expectError(await t.http.get('/api/v1/tags'), 401, 'UNAUTHENTICATED');
  });
});
