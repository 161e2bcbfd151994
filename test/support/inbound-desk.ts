// What the email channel specs share beside the transports (inbound-mail.ts): unique addresses and
// Message-IDs, the exact same bytes sent again in a new SMTP session (a sender retrying), the
// desk's answer read from an SMTP reply, and what the database holds for a message or a sender.
import { randomBytes } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { EmailConfig, emailConfig } from '../../src/config/email.config';
import { replyAddress } from '../../src/email/reply-address';
import { smtpPortOf } from './inbound-mail';
import type { CapturedMail, SmtpCapture } from './smtp-capture';
import type { TestApp } from './test-app';

/** A customer's Message-ID, unique to the run: `<label.<hex>@customer.example.test>`. */
export function customerMessageId(label = 'msg'): string {
  return `<${label}.${randomBytes(8).toString('hex')}@customer.example.test>`;
}

/** An address no test has used (senders must be unique: the per-sender hourly limit counts them). */
export function customerAddress(label = 'customer'): string {
  return `${label}-${randomBytes(6).toString('hex')}@customer.example.test`;
}

/** Ticket `ticketId`'s reply address as the app computes it (`support+t<id>-<token>@domain`). */
export function replyAddressOf(t: TestApp, ticketId: number): string {
  return replyAddress(ticketId, t.app.get<EmailConfig>(emailConfig.KEY));
}

/** The desk's verdict in an SMTP reply: `250 2.0.0 created` → `created`. */
export function smtpOutcome(response: string): string {
  return /^250 [0-9.]+ (\w+)/.exec(response)?.[1] ?? `unexpected answer: ${response}`;
}

/**
 * Sends exactly `raw` in a new SMTP session (to `port`, the app's listener by default) and
 * resolves with the final answer; rejects with nodemailer's error (`responseCode`) on a 4xx/5xx.
 */
export async function sendRawToDesk(
  t: TestApp,
  raw: Buffer,
  envelope: { from: string | false; to: string[] },
  port = smtpPortOf(t),
): Promise<string> {
  const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    return (await transport.sendMail({ envelope, raw })).response;
  } finally {
    transport.close();
  }
}

/** The SMTP code `attempt` was refused with; fails the test if it was accepted. */
export async function smtpRefusal(attempt: Promise<unknown>): Promise<number | undefined> {
  try {
    const accepted = await attempt;
    throw new Error(`expected a refusal, the message was accepted: ${JSON.stringify(accepted)}`);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('expected a refusal')) throw error;
    return (error as { responseCode?: number }).responseCode;
  }
}

export interface InboundRow {
  id: string;
  message_id: string;
  direction: string;
  ticket_id: number | null;
  comment_id: number | null;
  outcome: string;
  reason: string | null;
}

/** Every `email_messages` row of `messageId` (exactly once: at most one). */
export function emailRowsOf(t: TestApp, messageId: string): Promise<InboundRow[]> {
  return t.dataSource.query(
    `SELECT id, message_id, direction, ticket_id, comment_id, outcome, reason FROM email_messages
      WHERE message_id = $1 ORDER BY id`,
    [messageId],
  );
}

export interface TicketRow {
  id: number;
  title: string;
  description: string;
  status: string;
  source: string;
  requester_id: number;
}

/** The tickets whose requester has `email`, oldest first. */
export function ticketsOfSender(t: TestApp, email: string): Promise<TicketRow[]> {
  return t.dataSource.query(
    `SELECT t.id, t.title, t.description, t.status::text AS status, t.source::text AS source, t.requester_id
       FROM tickets t JOIN users u ON u.id = t.requester_id
      WHERE lower(u.email) = lower($1) ORDER BY t.id`,
    [email],
  );
}

export interface CommentRow {
  id: number;
  author_id: number;
  body: string;
  is_internal: boolean;
  source: string;
}

/** The comments of ticket `ticketId`, oldest first, internal ones included. */
export function commentsOf(t: TestApp, ticketId: number): Promise<CommentRow[]> {
  return t.dataSource.query(
    `SELECT id, author_id, body, is_internal, source::text AS source FROM comments
      WHERE ticket_id = $1 AND deleted_at IS NULL ORDER BY id`,
    [ticketId],
  );
}

/** Emails the desk queued (its outbox) for `address`: written in the transaction that decided them. */
export async function outboxCountFor(t: TestApp, address: string): Promise<number> {
  const rows: Array<{ n: number }> = await t.dataSource.query(
    `SELECT count(*)::int AS n FROM outbox WHERE payload->>'to' ILIKE $1`,
    [`%${address}%`],
  );
  return rows[0].n;
}

/** The captured emails sent to `address` (envelope recipient). */
export function capturedFor(capture: SmtpCapture, address: string): CapturedMail[] {
  const wanted = address.toLowerCase();
  return capture.messages.filter((mail) => mail.envelopeTo.some((to) => to.toLowerCase() === wanted));
}

/** Waits for the `count`-th email the desk sends to `address`; returns them all, in arrival order. */
export function waitForMailTo(capture: SmtpCapture, address: string, count = 1): Promise<CapturedMail[]> {
  const wanted = address.toLowerCase();
  return capture.waitForMessages(count, (mail) => mail.envelopeTo.some((to) => to.toLowerCase() === wanted));
}
