// Every statement on `email_messages`: the thread of each ticket, and the record that makes each
// received message count once. Statements run in the ambient transaction (TransactionContext).
import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import type { EmailOutcome } from './email-message.entity';

/** The most message ids a reply's In-Reply-To/References are looked up by (the newest ones). */
export const MAX_REFERENCES_LOOKED_UP = 50;

@Injectable()
export class EmailThreadRepository {
  constructor(private readonly tx: TransactionContext) {}

  /**
   * Claims a received message for the current transaction: the row id, or null when the
   * Message-ID is known already (a duplicate). A concurrent transaction claiming the same id waits
   * here until the first one ends: committed, it sees a duplicate; rolled back, it claims it.
   */
  async claimReceived(messageId: string, sender: string | null): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.tx.manager.query(
      `INSERT INTO email_messages (message_id, direction, sender, outcome) VALUES ($1, 'in', $2, 'processing')
       ON CONFLICT (message_id) DO NOTHING RETURNING id`,
      [messageId, sender],
    );
    return rows[0]?.id ?? null;
  }

  /** The ticket and comment a known message made (a duplicate's answer names them too). */
  async madeBy(messageId: string): Promise<{ ticketId: number | null; commentId: number | null }> {
    const rows: Array<{ ticket_id: number | null; comment_id: number | null }> = await this.tx.manager.query(
      `SELECT ticket_id, comment_id FROM email_messages WHERE message_id = $1`,
      [messageId],
    );
    return { ticketId: rows[0]?.ticket_id ?? null, commentId: rows[0]?.comment_id ?? null };
  }

  /** What became of a claimed message, in the transaction that claimed it. */
  async finishReceived(
    id: string,
    outcome: Exclude<EmailOutcome, 'processing' | 'sent'>,
    refs: { ticketId?: number | null; commentId?: number | null; reason?: string | null } = {},
  ): Promise<void> {
    await this.tx.manager.query(
      `UPDATE email_messages SET outcome = $2, ticket_id = $3, comment_id = $4, reason = $5 WHERE id = $1`,
      [id, outcome, refs.ticketId ?? null, refs.commentId ?? null, refs.reason ?? null],
    );
  }

  /**
   * Serialises the messages of one sender (transaction-scoped advisory lock), so that the flood
   * count below is exact however many of their messages arrive at once.
   */
  async lockSender(sender: string): Promise<void> {
    await this.tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`email-sender:${sender}`]);
  }

  /**
   * Messages received from `sender` in the last hour, the current one excluded, counted up to
   * `upTo` (a flood costs a bounded scan per message, not one that grows with the flood).
   */
  async receivedInLastHour(sender: string, exceptId: string, upTo: number): Promise<number> {
    const rows: Array<{ n: number }> = await this.tx.manager.query(
      `SELECT count(*)::int AS n FROM (
         SELECT 1 FROM email_messages
          WHERE direction = 'in' AND sender = $1 AND created_at > now() - interval '1 hour' AND id <> $2
          LIMIT $3) recent`,
      [sender, exceptId, upTo],
    );
    return rows[0].n;
  }

  /**
   * The tickets whose threads hold any of `messageIds`, most preferred first: the order of
   * `messageIds` (the caller puts In-Reply-To first, then References newest first).
   */
  async ticketsNamedBy(messageIds: string[]): Promise<number[]> {
    const ids = messageIds.slice(0, MAX_REFERENCES_LOOKED_UP);
    if (!ids.length) return [];
    const rows: Array<{ ticket_id: number }> = await this.tx.manager.query(
      `SELECT m.ticket_id FROM unnest($1::text[]) WITH ORDINALITY AS r(message_id, n)
         JOIN email_messages m ON m.message_id = r.message_id
        WHERE m.ticket_id IS NOT NULL
        ORDER BY r.n`,
      [ids],
    );
    return [...new Set(rows.map((row) => row.ticket_id))];
  }

  /**
   * The Message-IDs of ticket `ticketId`'s thread, oldest first (sent and received): all of them
   * up to `max`, else the first one and the newest `max - 1` (what References keeps).
   */
  async thread(ticketId: number, max: number): Promise<string[]> {
    const rows: Array<{ message_id: string }> = await this.tx.manager.query(
      `SELECT message_id FROM (
         (SELECT id, message_id FROM email_messages WHERE ticket_id = $1 AND outcome <> 'ignored' ORDER BY id LIMIT 1)
         UNION
         (SELECT id, message_id FROM email_messages WHERE ticket_id = $1 AND outcome <> 'ignored'
           ORDER BY id DESC LIMIT $2)
       ) thread ORDER BY id`,
      [ticketId, max - 1],
    );
    return rows.map((row) => row.message_id);
  }

  /** Records an email the desk queued (through the outbox) as part of ticket `ticketId`'s thread. */
  async recordSent(ticketId: number, messageId: string, commentId: number | null): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO email_messages (message_id, direction, ticket_id, comment_id, outcome) VALUES ($1, 'out', $2, $3, 'sent')`,
      [messageId, ticketId, commentId],
    );
  }
}
