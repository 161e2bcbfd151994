// The transactional outbox: emails are written in the transaction that decided them, and relayed
// to the mail queue after it committed. A rollback sends nothing; a crash after commit loses nothing.
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MailService } from '../mail/mail.service';
import type { SendMailJob } from '../queues';

/** Rows moved per relay transaction (one Redis round trip each). */
const RELAY_BATCH = 200;

/**
 * A relayed row still undelivered after this long is queued again: its job may be gone with a
 * Redis that lost its data. Longer than a job's whole retry window (about 4 minutes, see
 * `mailJobOptions`), so a job still retrying is not touched (and its id would dedupe it anyway).
 */
export const REDELIVER_AFTER_MINUTES = 10;
/** Emails older than this are not queued again: a day-old alert or reset link helps nobody. */
export const REDELIVER_WITHIN_HOURS = 24;

/**
 * The mail job id of an outbox row: deterministic, so relaying a row twice queues one email. The
 * creation time is part of it so that after a database restore (ids handed out again) a new row
 * cannot collide with the completed job of an old one that Redis still remembers.
 */
export function outboxJobId(row: { id: string | number; created_at: Date }): string {
  return `outbox-${row.id}-${row.created_at.getTime()}`;
}

/** Which rows a relay pass picks: new ones, or relayed ones whose delivery never got confirmed. */
const PENDING = {
  unrelayed: `relayed_at IS NULL`,
  undelivered: `relayed_at IS NOT NULL AND delivered_at IS NULL
                AND relayed_at < now() - make_interval(mins => ${REDELIVER_AFTER_MINUTES})
                AND created_at > now() - make_interval(hours => ${REDELIVER_WITHIN_HOURS})`,
} as const;

interface PendingRow {
  id: string;
  payload: SendMailJob;
  created_at: Date;
}

/**
 * `add()` writes with the caller's EntityManager, inside its transaction. Then, after commit:
 *
 * - `relaySoon()` (the writer asks for it) relays in the background, at once;
 * - the SLA sweep calls `relay()` every SLA_SWEEP_INTERVAL_SECONDS on every worker, which picks up
 *   whatever a writer left behind (it crashed after commit, Redis was away, its relay failed).
 *
 * A relay locks a batch of unrelayed rows (`FOR UPDATE SKIP LOCKED`, so concurrent relays in any
 * number of processes share the work instead of repeating it), adds them to the mail queue with
 * job id `outboxJobId(row)`, and marks them relayed in the same transaction. If the process dies
 * between the enqueue and the commit, the rows are relayed again, under the same job ids, which
 * BullMQ ignores while the first job exists (a day after it completed; see `mailJobOptions`).
 *
 * Delivery closes the loop: the mail worker calls `markDelivered()` once SMTP accepted the email,
 * which also drops the body. A row relayed REDELIVER_AFTER_MINUTES ago and still undelivered is
 * relayed again by the next sweep (same job id: a no-op if its job still exists, a new job if
 * Redis lost it). So losing Redis's data loses no email; at worst one whose delivery happened but
 * could not be recorded (Postgres away at that moment) and whose job Redis lost is sent twice.
 */
@Injectable()
export class OutboxService implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxService.name);
  private running: Promise<void> | undefined;
  private again = false;
  private closing = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailService,
  ) {}

  /**
   * Writes an email to send once `manager`'s transaction commits. A second `add` with the same
   * `dedupeKey` is ignored, so a writer that runs again (a retried job) cannot mail twice.
   */
  async add(manager: EntityManager, message: SendMailJob, dedupeKey: string): Promise<void> {
    await this.addMany(manager, [{ message, dedupeKey }]);
  }

  async addMany(manager: EntityManager, messages: Array<{ message: SendMailJob; dedupeKey: string }>): Promise<void> {
    if (!messages.length) return;
    const values: unknown[] = [];
    const rows = messages.map(({ message: { to, subject, text, html, requestId }, dedupeKey }, i) => {
      values.push(JSON.stringify({ to, subject, text, html, requestId }), dedupeKey);
      return `('mail', $${2 * i + 1}::jsonb, $${2 * i + 2})`;
    });
    await manager.query(
      `INSERT INTO outbox (kind, payload, dedupe_key) VALUES ${rows.join(', ')} ON CONFLICT (dedupe_key) DO NOTHING`,
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
          await this.relay();
        } catch (error) {
          this.logger.warn({ err: error }, 'Outbox relay failed; the next sweep will retry it');
        }
      } while (this.again);
    })().finally(() => (this.running = undefined));
  }

  /**
   * Relays every unrelayed row, and again every row whose delivery is overdue; resolves with how
   * many were relayed. Throws if Postgres or Redis fails.
   */
  async relay(): Promise<number> {
    let total = 0;
    for (const pending of [PENDING.unrelayed, PENDING.undelivered]) {
      for (;;) {
        const relayed = await this.relayBatch(pending);
        total += relayed;
        if (relayed < RELAY_BATCH) break;
      }
    }
    return total;
  }

  /**
   * Records that the SMTP server accepted the email of outbox row `id`, and drops its body (the
   * email may hold a reset token; who and what are kept for the record).
   */
  async markDelivered(id: string): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET delivered_at = now(),
              payload = jsonb_build_object('to', payload->'to', 'subject', payload->'subject')
        WHERE id = $1 AND delivered_at IS NULL`,
      [id],
    );
  }

  /** Lets a running relay finish before the database and Redis connections close. */
  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.running;
  }

  private async relayBatch(pending: string): Promise<number> {
    let ids: string[] = [];
    try {
      return await this.db.transaction(async (manager) => {
        const rows: PendingRow[] = await manager.query(
          `SELECT id, payload, created_at FROM outbox WHERE kind = 'mail' AND ${pending}
            ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [RELAY_BATCH],
        );
        if (!rows.length) return 0;
        ids = rows.map((row) => row.id);
        await this.mail.enqueueMany(
          rows.map((row) => ({ message: { ...row.payload, outboxId: row.id }, jobId: outboxJobId(row) })),
        );
        await manager.query(
          `UPDATE outbox SET relayed_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`,
          [ids],
        );
        return rows.length;
      });
    } catch (error) {
      if (ids.length) {
        await this.db
          .query(`UPDATE outbox SET attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [ids])
          .catch(() => undefined);
      }
      throw error;
    }
  }
}
