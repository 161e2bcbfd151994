// Helpers for the escalation tests: breach tickets with SQL, read what the worker did, and wait
// for the queues to settle (never fixed sleeps).
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUES } from '../../src/queues/queues';
import { bullConnectionFromUrl, bullPrefix } from '../../src/redis/bullmq-connection';
import { waitFor } from './assertions';
import { REDIS_URL } from './test-env';

export type Kind = 'first_response' | 'resolution';

/** The worker settings the escalation tests run with: a sweep every second, quick mail retries. */
export const FAST_WORKER_ENV = { SLA_SWEEP_INTERVAL_SECONDS: '1', MAIL_RETRY_BASE_MS: '20' };

/** Moves the due dates of `kinds` an hour into the past, so the tickets are breached for them. */
export async function breach(db: DataSource, ids: number[], kinds: Kind[] = ['first_response']): Promise<void> {
  const sets = kinds.map((kind) => `${kind}_due_at = now() - interval '1 hour'`);
  await db.query(`UPDATE tickets SET ${sets.join(', ')} WHERE id = ANY($1::int[])`, [ids]);
}

export interface EscalationState {
  id: number;
  status: string;
  escalation_level: number;
  first_response_escalated: boolean;
  resolution_escalated: boolean;
  breached_events: number;
  escalated_events: number;
}

export async function escalationStates(db: DataSource, ids: number[]): Promise<EscalationState[]> {
  return db.query(
    `SELECT t.id, t.status::text AS status, t.escalation_level,
            t.first_response_escalated_at IS NOT NULL AS first_response_escalated,
            t.resolution_escalated_at IS NOT NULL AS resolution_escalated,
            (SELECT count(*)::int FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'sla.breached') AS breached_events,
            (SELECT count(*)::int FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'ticket.escalated') AS escalated_events
       FROM tickets t WHERE t.id = ANY($1::int[]) ORDER BY t.id`,
    [ids],
  );
}

/** Waits until every ticket reached `level` (in the database). */
export function waitForLevel(db: DataSource, ids: number[], level: number, timeoutMs = 20_000) {
  return waitFor(
    async () => {
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM tickets WHERE id = ANY($1::int[]) AND escalation_level >= $2`,
        [ids, level],
      );
      return n === ids.length;
    },
    { timeoutMs, intervalMs: 25 },
  );
}

/** Outbox rows of escalation alerts about these tickets: total and still unrelayed. */
export async function alertRows(db: DataSource, ids: number[]): Promise<{ total: number; unrelayed: number }> {
  const keys = ids.flatMap((id) => [`escalation-${id}-first_response-%`, `escalation-${id}-resolution-%`]);
  const [row] = await db.query(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE relayed_at IS NULL)::int AS unrelayed
       FROM outbox WHERE dedupe_key LIKE ANY($1::text[])`,
    [keys],
  );
  return row;
}

/** A Queue of our own on an app's Redis namespace: what an operator would inspect. */
export function queueOf(name: (typeof QUEUES)[keyof typeof QUEUES], redisKeyPrefix: string): Queue {
  return new Queue(name, { connection: bullConnectionFromUrl(REDIS_URL), prefix: bullPrefix(redisKeyPrefix) });
}

/** Nothing waiting, running or scheduled for a retry (the escalation queue's next sweep aside). */
export function waitForIdle(queue: Queue, timeoutMs = 20_000) {
  return waitFor(
    async () => {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      const pending = Object.values(counts).reduce((sum, count) => sum + count, 0);
      // The escalation queue always holds the scheduler's next sweep, delayed.
      return pending <= (queue.name === QUEUES.ESCALATION ? 1 : 0);
    },
    { timeoutMs, intervalMs: 25 },
  );
}

/**
 * Waits until `count` sweeps that started after this call have completed: every ticket breached
 * before the call has been seen by a sweep (and its escalate job queued).
 */
export async function waitForSweeps(escalationQueue: Queue, count = 1, timeoutMs = 20_000): Promise<void> {
  const since = Date.now();
  await waitFor(
    async () => {
      const done = await escalationQueue.getJobs(['completed'], 0, 20);
      return done.filter((job) => job.name === 'sweep' && (job.processedOn ?? 0) > since).length >= count;
    },
    { timeoutMs, intervalMs: 50 },
  );
}

/** A user row straight in SQL (no password anyone could use), for tests that need no login. */
export async function insertUser(db: Queryable, role: 'user' | 'agent' | 'admin', email: string): Promise<number> {
  const rows = await db.query(
    `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, 'not-a-hash') RETURNING id`,
    [email, `Seeded ${role}`, role],
  );
  return (Array.isArray(rows) ? rows : rows.rows)[0].id;
}

/**
 * `count` tickets of `requesterId`, created two hours ago, whose first response was due an hour
 * ago (resolution due tomorrow): each escalates once, for `first_response`.
 */
export async function insertBreachedTickets(db: Queryable, requesterId: number, count: number): Promise<void> {
  await db.query(
    `INSERT INTO tickets (title, description, requester_id, first_response_due_at, resolution_due_at, created_at, updated_at)
     SELECT 'Seeded ticket ' || g, 'Seeded by a test', $1,
            now() - interval '1 hour' - g * interval '1 millisecond', now() + interval '1 day',
            now() - interval '2 hours', now() - interval '2 hours'
       FROM generate_series(1, $2::int) AS g`,
    [requesterId, count],
  );
}

/** A TypeORM DataSource or a pg Client. */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<any>;
}

export async function countEscalated(db: Queryable): Promise<number> {
  const result = await db.query(`SELECT count(*)::int AS n FROM tickets WHERE first_response_escalated_at IS NOT NULL`);
  return (Array.isArray(result) ? result : result.rows)[0].n;
}
