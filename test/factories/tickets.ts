// Tickets for tests, created over HTTP like a client would, and put into states the API cannot (or
// not quickly) reach: escalated, backdated, overdue, paused for hours. Those bypass the API with SQL,
// so they write no events and send no notifications. Times are Postgres intervals relative to the
// database's now(): '2 hours ago' is in the past, '1 day' ahead.
import { TestUser } from './users';
import { TestApp } from '../support/test-app';

let counter = 0;

export async function makeTicket(
  t: TestApp,
  owner: TestUser,
  overrides: Partial<{
    title: string;
    description: string;
    priority: string;
    category_id: number;
    tags: string[];
  }> = {},
) {
  const res = await t.http.post(
    '/api/v1/tickets',
    { title: `Ticket ${++counter}`, description: 'Something is broken', ...overrides },
    { token: owner.token },
  );
  if (res.status !== 201) throw new Error(`ticket create failed: ${res.status} ${res.text}`);
  return res.body as { id: number; version: number; [key: string]: any };
}

const idList = (ids: number | number[]) => (Array.isArray(ids) ? ids : [ids]);

/** Puts tickets straight into a status, bypassing the API (e.g. `escalated`, which only the worker sets). */
export async function forceStatus(t: TestApp, ids: number | number[], status: string): Promise<void> {
  await t.dataSource.query(`UPDATE tickets SET status = $2 WHERE id = ANY($1::int[])`, [idList(ids), status]);
}

/** Every ticket of the file's database in one status (e.g. all `closed`: none claimable). */
export async function forceStatusOfAllTickets(t: TestApp, status: string): Promise<void> {
  await t.dataSource.query(`UPDATE tickets SET status = $1`, [status]);
}

/** No ticket has an assignee. */
export async function unassignAllTickets(t: TestApp): Promise<void> {
  await t.dataSource.query(`UPDATE tickets SET assignee_id = NULL`);
}

/** Every unassigned ticket goes to `assigneeId`: none is left to claim. */
export async function assignAllUnassigned(t: TestApp, assigneeId: number): Promise<void> {
  await t.dataSource.query(`UPDATE tickets SET assignee_id = $1 WHERE assignee_id IS NULL`, [assigneeId]);
}

/** Escalated as the worker leaves it (status, level 1, when), `ago` back; no event, no alert. */
export async function markEscalated(t: TestApp, id: number, { ago = '0' }: { ago?: string } = {}): Promise<void> {
  await t.dataSource.query(
    `UPDATE tickets SET status = 'escalated', escalated_at = now() - $2::interval, escalation_level = 1 WHERE id = $1`,
    [id, ago],
  );
}

/** Resolved now (status and resolved_at), bypassing the API and its status rules. */
export async function markResolved(t: TestApp, id: number): Promise<void> {
  await t.dataSource.query(`UPDATE tickets SET status = 'resolved', resolved_at = now() WHERE id = $1`, [id]);
}

/** First answered `after` (e.g. '45 minutes') it was opened. */
export async function markFirstRespondedAfter(t: TestApp, id: number, after: string): Promise<void> {
  await t.dataSource.query(`UPDATE tickets SET first_responded_at = created_at + $2::interval WHERE id = $1`, [
    id,
    after,
  ]);
}

/** Opened `by` (e.g. '3 hours') earlier: creation, last update and both due dates move back, the SLA stays as long. */
export async function backdateTicket(t: TestApp, id: number, by: string): Promise<void> {
  await t.dataSource.query(
    `UPDATE tickets SET created_at = created_at - $2::interval, updated_at = updated_at - $2::interval,
            first_response_due_at = first_response_due_at - $2::interval,
            resolution_due_at = resolution_due_at - $2::interval
      WHERE id = $1`,
    [id, by],
  );
}

/** A pending ticket pending `by` (e.g. '2 hours') longer: its SLA clock stopped that much earlier. */
export async function backdatePause(t: TestApp, id: number, by: string): Promise<void> {
  await t.dataSource.query(`UPDATE tickets SET paused_at = paused_at - $2::interval WHERE id = $1`, [id, by]);
}

export interface SlaClock {
  /** Opened then and untouched since (created_at and updated_at). */
  openedAt?: string;
  firstResponseDueAt?: string;
  resolutionDueAt?: string;
  /** The SLA clock stopped then (as entering `pending` does). */
  pausedAt?: string;
}

/**
 * Sets a ticket's SLA times, each relative to now: a due time in the past is a missed target.
 * One statement, so a running sweep never sees half of the state.
 */
export async function setSlaClock(t: TestApp, id: number, clock: SlaClock): Promise<void> {
  const columns: Array<[keyof SlaClock, string[]]> = [
    ['openedAt', ['created_at', 'updated_at']],
    ['firstResponseDueAt', ['first_response_due_at']],
    ['resolutionDueAt', ['resolution_due_at']],
    ['pausedAt', ['paused_at']],
  ];
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [field, names] of columns) {
    const at = clock[field];
    if (at === undefined) continue;
    params.push(at);
    sets.push(...names.map((name) => `${name} = now() + $${params.length}::interval`));
  }
  if (!sets.length) throw new Error('setSlaClock: nothing to set');
  await t.dataSource.query(`UPDATE tickets SET ${sets.join(', ')} WHERE id = $1`, params);
}

/** Soft-deleted now, as DELETE /tickets/:id leaves them (without its event). */
export async function softDeleteTickets(t: TestApp, ids: number | number[]): Promise<void> {
  await t.dataSource.query(`UPDATE tickets SET deleted_at = now() WHERE id = ANY($1::int[])`, [idList(ids)]);
}

/** Back from a soft delete. */
export async function restoreTickets(t: TestApp, ids: number | number[]): Promise<void> {
  await t.dataSource.query(`UPDATE tickets SET deleted_at = NULL WHERE id = ANY($1::int[])`, [idList(ids)]);
}

/** Every ticket of the file's database soft-deleted. */
export async function softDeleteAllTickets(t: TestApp): Promise<void> {
  await t.dataSource.query(`UPDATE tickets SET deleted_at = now() WHERE deleted_at IS NULL`);
}

/** The `count` oldest (lowest id) of a requester's tickets in `statuses`, soft-deleted. */
export async function softDeleteOldestTickets(
  t: TestApp,
  { requesterId, statuses, count }: { requesterId: number; statuses: string[]; count: number },
): Promise<void> {
  await t.dataSource.query(
    `UPDATE tickets SET deleted_at = now()
      WHERE id IN (SELECT id FROM tickets WHERE requester_id = $1 AND status = ANY($2::ticket_status[])
                    ORDER BY id LIMIT $3)`,
    [requesterId, statuses, count],
  );
}

/**
 * As the email channel leaves a ticket it opened: `source` email, and the timeline's email events
 * (received from the requester, the acknowledgement sent), without an SMTP round trip. For tests of
 * how such a ticket is shown; the channel's own tests send real mail.
 */
export async function markOpenedByEmail(
  t: TestApp,
  id: number,
  { from, requesterId }: { from: string; requesterId: number },
): Promise<void> {
  await t.dataSource.transaction(async (db) => {
    await db.query(`UPDATE tickets SET source = 'email' WHERE id = $1`, [id]);
    await db.query(
      `INSERT INTO ticket_events (ticket_id, type, actor_id, data)
       VALUES ($1, 'email.received', $2, $3), ($1, 'email.sent', NULL, $4)`,
      [
        id,
        requesterId,
        { message_id: `<in-${id}@example.com>`, from, subject: 'by email', attachments: 0 },
        { message_id: `<out-${id}@localhost>`, to: from, kind: 'acknowledgement' },
      ],
    );
  });
}
