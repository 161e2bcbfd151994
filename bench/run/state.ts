// Keeping the seeded database reusable between runs, and the people the load acts as.
import { databaseUrl, sql } from '../lib/pg';
import { AGENTS, agentId, emailOf, PASSWORD, REQUESTERS } from '../seed/plan';
import { SeedInfo } from '../seed/seed';

/**
 * Undoes what a run leaves behind that would change the next one: tickets it created (with their
 * comments, tags, events and attachment rows), claims (the tickets go back to the queue, their
 * version back down), refresh tokens and idempotency keys. Comments added to seeded tickets and
 * status changes between in_progress and pending stay (about 1% more comments per full run;
 * `--reseed` starts afresh). The files of deleted attachment rows stay in their storage directory,
 * which the run that uploaded them removes.
 */
export async function restoreSeededState(database: string, seed: SeedInfo): Promise<Record<string, number>> {
  const [row] = await sql<Record<string, number>>(
    databaseUrl(database),
    `WITH created AS (SELECT id FROM tickets WHERE id > $1),
     tags AS (DELETE FROM ticket_tags WHERE ticket_id IN (SELECT id FROM created)),
     attachments AS (DELETE FROM attachments WHERE ticket_id IN (SELECT id FROM created)),
     comments AS (DELETE FROM comments WHERE ticket_id IN (SELECT id FROM created)),
     events AS (DELETE FROM ticket_events WHERE ticket_id IN (SELECT id FROM created)),
     claims AS (
       DELETE FROM ticket_events
        WHERE id > $2 AND type = 'assignee.changed' AND data @> '{"claimed": true}' AND ticket_id <= $1
       RETURNING ticket_id),
     unclaimed AS (
       UPDATE tickets t SET assignee_id = NULL, version = t.version - c.n
         FROM (SELECT ticket_id, count(*)::int AS n FROM claims GROUP BY ticket_id) c
        WHERE t.id = c.ticket_id
       RETURNING t.id)
     SELECT (SELECT count(*)::int FROM created) AS created_tickets, (SELECT count(*)::int FROM unclaimed) AS unclaimed`,
    [seed.max_ticket_id, seed.max_event_id],
  );
  // In a second statement: the tickets' rows are only deletable once nothing references them.
  await sql(databaseUrl(database), `DELETE FROM tickets WHERE id > $1`, [seed.max_ticket_id]);
  await sql(databaseUrl(database), `DELETE FROM refresh_tokens`);
  await sql(databaseUrl(database), `DELETE FROM idempotency_keys`);
  return row;
}

/**
 * VACUUM of the whole seeded database before a run: the dead row versions earlier runs left (their
 * comments, status changes, claims, and the tickets they created) go, and the visibility map is
 * current again, so a run does not inherit its predecessors' debris. Where autovacuum runs that
 * is its job; on a server without it (this machine's CI configuration turns it off) every run would
 * otherwise start slower than the last, the index-only counts of lists most. Then a CHECKPOINT.
 * Returns seconds.
 */
export async function settle(database: string): Promise<number> {
  const started = Date.now();
  await sql(databaseUrl(database), 'VACUUM');
  // The vacuum writes WAL (visibility map, hint bits, full pages): flushed now, its checkpoint
  // does not land in the measured run (here it came 16 s apart, stalling the first steps).
  await sql(databaseUrl(database), 'CHECKPOINT');
  return Math.round((Date.now() - started) / 100) / 10;
}

async function login(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Logs `emails` in, a few at a time (argon2 is meant to be slow). */
async function loginAll(base: string, emails: string[]): Promise<string[]> {
  const tokens = new Array<string>(emails.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < emails.length) {
        const i = next++;
        tokens[i] = await login(base, emails[i]);
      }
    }),
  );
  return tokens;
}

export interface People {
  agents: Array<{ id: number; token: string }>;
  admin: string;
  requesters: string[];
  requesterEmails: string[];
}

/** Every agent, one admin, and 64 requesters spread from the busiest to the quietest. */
export async function logInPeople(base: string): Promise<People> {
  const agentIndexes = Array.from({ length: AGENTS }, (_, i) => i);
  const requesterIndexes = Array.from({ length: 64 }, (_, i) => Math.floor((i * REQUESTERS) / 64));
  const [agentTokens, [admin], requesters] = [
    await loginAll(
      base,
      agentIndexes.map((i) => emailOf('agent', i)),
    ),
    await loginAll(base, [emailOf('admin', 0)]),
    await loginAll(
      base,
      requesterIndexes.map((i) => emailOf('user', i)),
    ),
  ];
  return {
    agents: agentIndexes.map((i) => ({ id: agentId(i), token: agentTokens[i] })),
    admin,
    requesters,
    requesterEmails: Array.from({ length: REQUESTERS }, (_, i) => emailOf('user', i)),
  };
}
