// The transactional outbox: emails are written in the transaction that decided them, and relayed
// to the mail queue after it committed. A rollback sends nothing; a crash after commit loses nothing.
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionContext } from '../database/transaction-context';
import { MailService } from '../mail/mail.service';
import { mailFields, type SendMailJob } from '../queues/queues';

/** Rows moved per relay transaction (one Redis round trip each). */
const RELAY_BATCH = 200;
/** Overdue rows checked per transaction (one job lookup each). */
const OVERDUE_BATCH = 50;

/**
 * A relayed row still undelivered after this long is looked at again: its job may be gone with a
 * Redis that lost its data, or its delivery may not have been recorded. Longer than a job's whole
 * retry window (about 4 minutes, see `mailJobOptions`), so a job still retrying is left alone.
 */
export const REDELIVER_AFTER_MINUTES = 10;
/** How long an email may wait to be sent unless its writer says otherwise (`add`'s `sendWithinMs`). */
export const DEFAULT_SEND_WITHIN_MS = 24 * 3_600_000;

/**
 * The mail job id of an outbox row: deterministic, so relaying a row twice queues one email. The
 * creation time is part of it so that after a database restore (ids handed out again) a new row
 * cannot collide with the job of an old one that Redis still remembers.
 */
export function outboxJobId(row: { id: string | number; created_at: Date }): string {
  return `outbox-${row.id}-${row.created_at.getTime()}`;
}

interface PendingRow {
  id: string;
  payload: SendMailJob;
  created_at: Date;
}

/**
 * `add()` writes with the caller's EntityManager, inside its transaction. Then, after commit:
 *
 * - `relaySoon()` (the writer asks for it) relays the new rows in the background, at once;
 * - the SLA sweep calls `relay()` every SLA_SWEEP_INTERVAL_SECONDS on every worker, which picks up
 *   whatever a writer left behind (it crashed after commit, Redis was away, its relay failed),
 *   then looks at the overdue ones (below).
 *
 * A relay locks a batch of unrelayed rows (`FOR UPDATE SKIP LOCKED`, so concurrent relays in any
 * number of processes share the work instead of repeating it), adds them to the mail queue with
 * job id `outboxJobId(row)`, and marks them relayed in the same transaction. If the process dies
 * between the enqueue and the commit, the rows are relayed again, under the same job ids, which
 * BullMQ ignores while the first job exists (a day after it completed; see `mailJobOptions`).
 *
 * Delivery closes the loop: the mail worker calls `markDelivered()` once SMTP accepted the email,
 * which also drops the body. A row relayed REDELIVER_AFTER_MINUTES ago and still undelivered is
 * looked at by the next sweep: its job completed → the delivery is recorded now; no job at all
 * (Redis lost it) → queued again with its body; still waiting, retrying or failed → left alone.
 * An email whose `send_before` passed is never queued, first time or again.
 */
@Injectable()
export class OutboxService implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxService.name);
  private running: Promise<void> | undefined;
  private again = false;
  private closing = false;

  constructor(
    private readonly tx: TransactionContext,
    private readonly mail: MailService,
  ) {}

  /**
   * Writes an email to send once the current transaction commits. A second `add` with the same
   * `dedupeKey` is ignored, so a writer that runs again (a retried job) cannot mail twice.
   */
  async add(message: SendMailJob, dedupeKey: string, sendWithinMs?: number): Promise<void> {
    await this.addMany([{ message, dedupeKey, sendWithinMs }]);
  }

  /** `sendWithinMs`: not sent at all after that long (a token's lifetime); a day by default. */
  async addMany(messages: Array<{ message: SendMailJob; dedupeKey: string; sendWithinMs?: number }>): Promise<void> {
    if (!messages.length) return;
    const values: unknown[] = [];
    const rows = messages.map(({ message, dedupeKey, sendWithinMs }, i) => {
      values.push(JSON.stringify(mailFields(message)), dedupeKey, sendWithinMs ?? DEFAULT_SEND_WITHIN_MS);
      return `('mail', $${3 * i + 1}::jsonb, $${3 * i + 2}, now() + make_interval(secs => $${3 * i + 3}::int / 1000.0))`;
    });
    await this.tx.manager.query(
      `INSERT INTO outbox (kind, payload, dedupe_key, send_before) VALUES ${rows.join(', ')}
       ON CONFLICT (dedupe_key) DO NOTHING`,
      values,
    );
  }

  /**
   * Starts a relay in the background, after the caller's transaction committed. Calls that arrive
   * while one runs are folded into one more pass. Never throws: a failed relay is logged and the
   * next sweep relays the rows.
   */
  relaySoon(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.closing) return;
    this.running = (async () => {
      do {
        this.again = false;
        try {
          // Only what writers just added: the overdue rows are the sweep's (relay()), not every
          // writer's, which would add a transaction of three statements to each nudge.
          await this.relayNew();
        } catch (error) {
          this.logger.warn({ err: error }, 'Outbox relay failed; the next sweep will retry it');
        }
      } while (this.again);
    })().finally(() => (this.running = undefined));
  }

  /**
   * Relays every unrelayed row, then looks at the rows whose delivery is overdue (see the class
   * comment); resolves with how many emails were queued. Throws if Postgres or Redis fails.
   */
  async relay(): Promise<number> {
    let total = await this.relayNew();
    for (let seen = OVERDUE_BATCH; seen === OVERDUE_BATCH;) {
      const result = await this.checkOverdueBatch();
      seen = result.seen;
      total += result.queued;
    }
    return total;
  }

  /**
   * Records that the SMTP server accepted the email of outbox row `id` created at `createdMs`
   * (both: after a database restore the id alone may name a newer row), and drops its body (it
   * may hold a reset token; who and what are kept for the record).
   */
  async markDelivered(id: string, createdMs: number): Promise<void> {
    await this.markDeliveredWith(this.tx.pool, [id], createdMs);
  }

  /** Lets a running relay finish before the database and Redis connections close. */
  /**
   * Housekeeping: rows relayed `retentionDays` ago, and rows never relayed whose `send_before`
   * passed `retentionDays` ago. Idempotent, so every worker may run it.
   */
  async purgeOlderThan(retentionDays: number): Promise<void> {
    await this.tx.pool.query(`DELETE FROM outbox WHERE relayed_at < now() - make_interval(days => $1)`, [
      retentionDays,
    ]);
    await this.tx.pool.query(
      `DELETE FROM outbox WHERE relayed_at IS NULL AND send_before < now() - make_interval(days => $1)`,
      [retentionDays],
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.running;
  }

  private async markDeliveredWith(manager: EntityManager, ids: string[], createdMs?: number): Promise<void> {
    await manager.query(
      // A delivered row was relayed, even when the relay that queued its job did not commit (its
      // process died between queueing and commit, and the job was delivered by another worker).
      `UPDATE outbox SET delivered_at = now(), relayed_at = coalesce(relayed_at, now()),
              payload = jsonb_build_object('to', payload->'to', 'subject', payload->'subject')
        WHERE id = ANY($1::bigint[]) AND delivered_at IS NULL
          AND ($2::bigint IS NULL OR floor(extract(epoch FROM created_at) * 1000) = $2)`,
      [ids, createdMs ?? null],
    );
  }

  private toJob(row: PendingRow): { message: SendMailJob; jobId: string } {
    const message = { ...row.payload, outboxId: row.id, outboxCreatedMs: row.created_at.getTime() };
    return { message, jobId: outboxJobId(row) };
  }

  /** Relays every never-relayed row, a batch per transaction; resolves with how many were queued. */
  private async relayNew(): Promise<number> {
    let total = 0;
    for (let queued = RELAY_BATCH; queued === RELAY_BATCH; total += queued) queued = await this.relayBatch();
    return total;
  }

  /** Queues a batch of never-relayed rows and marks them relayed, in one transaction. */
  private async relayBatch(): Promise<number> {
    let ids: string[] = [];
    try {
      return await this.tx.begin(async (manager) => {
        const rows: PendingRow[] = await manager.query(
          `SELECT id, payload, created_at FROM outbox
            WHERE kind = 'mail' AND relayed_at IS NULL AND delivered_at IS NULL AND send_before > now()
            ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [RELAY_BATCH],
        );
        if (!rows.length) return 0;
        ids = rows.map((row) => row.id);
        await this.mail.enqueueMany(rows.map((row) => this.toJob(row)));
        await manager.query(
          `UPDATE outbox SET relayed_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`,
          [ids],
        );
        return rows.length;
      });
    } catch (error) {
      if (ids.length) {
        await this.tx.pool
          .query(`UPDATE outbox SET attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [ids])
          .catch(() => undefined);
      }
      throw error;
    }
  }

  /**
   * Looks at a batch of relayed rows whose delivery is overdue: records the deliveries whose job
   * completed, queues again (with their body) those whose job is gone, and leaves the rest, which
   * are looked at again REDELIVER_AFTER_MINUTES later, until their `send_before`.
   */
  private async checkOverdueBatch(): Promise<{ seen: number; queued: number }> {
    return this.tx.begin(async (manager) => {
      const rows: PendingRow[] = await manager.query(
        `SELECT id, payload, created_at FROM outbox
          WHERE kind = 'mail' AND relayed_at IS NOT NULL AND delivered_at IS NULL
            AND relayed_at < now() - make_interval(mins => ${REDELIVER_AFTER_MINUTES})
            AND send_before > now() AND payload ? 'text'
          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [OVERDUE_BATCH],
      );
      if (!rows.length) return { seen: 0, queued: 0 };
      const states = await Promise.all(rows.map((row) => this.mail.jobState(outboxJobId(row))));
      const completed = rows.filter((_, i) => states[i] === 'completed');
      const lost = rows.filter((_, i) => states[i] === 'unknown');
      if (lost.length) await this.mail.enqueueMany(lost.map((row) => this.toJob(row)));
      if (completed.length)
        await this.markDeliveredWith(
          manager,
          completed.map((row) => row.id),
        );
      await manager.query(
        `UPDATE outbox SET relayed_at = now(), attempts = attempts + (id = ANY($2::bigint[]))::int
          WHERE id = ANY($1::bigint[])`,
        [rows.map((row) => row.id), lost.map((row) => row.id)],
      );
      if (lost.length || completed.length) {
        this.logger.warn(
          { queuedAgain: lost.length, deliveryRecorded: completed.length },
          'Outbox: overdue emails queued again (their jobs were gone) or their delivery recorded late',
        );
      }
      return { seen: rows.length, queued: lost.length };
    });
  }
}
