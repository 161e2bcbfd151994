// The transactional outbox: emails are written in the transaction that decided them, and relayed
// to the mail queue after it committed. A rollback sends nothing; a crash after commit loses nothing.
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MailService } from '../mail/mail.service';
import type { SendMailJob } from '../queues';

/** Rows moved per relay transaction (one Redis round trip each). */
const RELAY_BATCH = 200;

/** The mail job id of an outbox row: deterministic, so relaying a row twice queues one email. */
export function outboxJobId(id: string | number): string {
  return `outbox-${id}`;
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
 * job id `outbox-<id>`, and marks them relayed in the same transaction. If the process dies
 * between the enqueue and the commit, the rows are relayed again, under the same job ids, which
 * BullMQ ignores while the first job exists (a day after it completed; see `mailJobOptions`).
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

  /** Relays every unrelayed row; resolves with how many were relayed. Throws if Postgres or Redis fails. */
  async relay(): Promise<number> {
    let total = 0;
    for (;;) {
      const relayed = await this.relayBatch();
      total += relayed;
      if (relayed < RELAY_BATCH) return total;
    }
  }

  /** Lets a running relay finish before the database and Redis connections close. */
  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.running;
  }

  private async relayBatch(): Promise<number> {
    let ids: string[] = [];
    try {
      return await this.db.transaction(async (manager) => {
        const rows: Array<{ id: string; payload: SendMailJob }> = await manager.query(
          `SELECT id, payload FROM outbox WHERE relayed_at IS NULL AND kind = 'mail'
            ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [RELAY_BATCH],
        );
        if (!rows.length) return 0;
        ids = rows.map((row) => row.id);
        await this.mail.enqueueMany(rows.map((row) => ({ message: row.payload, jobId: outboxJobId(row.id) })));
        // The bodies are in Redis now; keep who and what for the record, not the reset tokens.
        await manager.query(
          `UPDATE outbox SET relayed_at = now(), attempts = attempts + 1,
                  payload = jsonb_build_object('to', payload->'to', 'subject', payload->'subject')
            WHERE id = ANY($1::bigint[])`,
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
