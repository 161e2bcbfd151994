// The one processing path of received mail, whichever way it came in (the SMTP listener, POST
// /inbound/email): spool, parse (attachments streamed into storage temporaries), then ONE
// transaction that claims the Message-ID, applies the loop and flood rules, finds the thread and
// writes the ticket or comment, its files, its timeline and the acknowledgement. The transport
// answers only after that transaction committed, so a crash before loses nothing (the sender
// retries) and a retry after creates nothing (the Message-ID is known).
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import type { Readable } from 'node:stream';
import { AttachmentIntake } from '../../attachments/attachment-intake';
import { CommentsService } from '../../comments/comments.service';
import { AuthUser } from '../../common/auth-user';
import { AppException } from '../../common/errors/app.exception';
import { MessageSource, TicketStatus } from '../../common/ticket-enums';
import { UserRole } from '../../common/user-role';
import { emailConfig, storageConfig } from '../../config';
import { TransactionContext } from '../../database/transaction-context';
import { Ticket } from '../../tickets/ticket.entity';
import { TicketRepository } from '../../tickets/ticket.repository';
import { TicketUpdateService } from '../../tickets/write/ticket-update.service';
import { TicketsService } from '../../tickets/write/tickets.service';
import { User } from '../../users/user.entity';
import { UsersService } from '../../users/users.service';
import { EmailThreadRepository } from '../email-thread.repository';
import { isOwnMessageId } from '../message-ids';
import { isDeskAddress, ticketOfReplyAddress, ticketOfSubject } from '../reply-address';
import { ConversationMailer } from '../outbound/conversation-mailer';
import { InboundEnvelope, IngestResult, ParsedMessage, UnprocessableMessageError } from './inbound-message';
import { spoolMessage, SpooledMessage } from './mail-spool';
import { parseMessage } from './parse-message';

/** API: title = subject cut to 200, description = the text cut to 10,000. */
const MAX_TITLE = 200;
const MAX_TEXT = 10_000;
const NO_SUBJECT = '(no subject)';
const NO_TEXT = '(no text)';

/** Why a message is ignored: the parser's loop reasons, and what only processing can tell. */
type IgnoreReason = NonNullable<ParsedMessage['loopReason']> | 'null_sender' | 'flood' | 'inactive_sender';

/** How a received message met a ticket's thread (for the timeline and the log). */
type ThreadRule = 'reply_address' | 'references' | 'subject';

@Injectable()
export class InboundMailService {
  private readonly logger = new Logger(InboundMailService.name);

  constructor(
    private readonly tx: TransactionContext,
    private readonly threads: EmailThreadRepository,
    private readonly tickets: TicketsService,
    private readonly ticketRows: TicketRepository,
    private readonly updates: TicketUpdateService,
    private readonly comments: CommentsService,
    private readonly users: UsersService,
    private readonly intake: AttachmentIntake,
    private readonly mailer: ConversationMailer,
    @Inject(emailConfig.KEY) private readonly config: ConfigType<typeof emailConfig>,
    @Inject(storageConfig.KEY) private readonly storage: ConfigType<typeof storageConfig>,
  ) {}

  /**
   * Processes one raw RFC 5322 message. Rejects with MessageTooLargeError (over
   * INBOUND_MAX_BYTES) or UnprocessableMessageError (refuse it for good); any other rejection is
   * temporary (the database is away): the transport asks the sender to retry.
   */
  async ingest(raw: Readable, envelope: InboundEnvelope): Promise<IngestResult> {
    const spool = await spoolMessage(raw, this.config.inboundMaxBytes);
    try {
      return await this.ingestSpooled(spool, envelope);
    } finally {
      await spool.remove();
    }
  }

  /** `ingest` of a message already spooled (the HTTP route spools to check the signature first). */
  async ingestSpooled(spool: SpooledMessage, envelope: InboundEnvelope): Promise<IngestResult> {
    const parsed = await parseMessage(spool, {
      maxAttachmentBytes: this.storage.maxBytes,
      supportDomain: this.config.supportDomain,
      stage: (body, filename, maxBytes) => this.intake.stage(body, filename, maxBytes),
      discard: (files) => this.intake.discard(files),
    });
    let kept = false;
    try {
      const result = await this.process(parsed, envelope);
      kept = result.status === 'created' || result.status === 'appended';
      this.logger.log(
        {
          via: envelope.via,
          trace: envelope.traceId,
          messageId: parsed.messageId,
          from: parsed.from?.address,
          status: result.status,
          ticketId: result.ticket_id,
          commentId: result.comment_id,
        },
        'Inbound email processed',
      );
      return result;
    } finally {
      // Stored files belong to rows now; anything else staged is not needed (or never will be).
      if (!kept) await this.intake.discard(parsed.attachments);
    }
  }

  private async process(parsed: ParsedMessage, envelope: InboundEnvelope): Promise<IngestResult> {
    if (!parsed.from) throw new UnprocessableMessageError('The message has no usable From address', 'from');
    const sender = parsed.from.address;
    const early = this.loopReason(parsed, envelope);
    // A message carrying one of our own Message-IDs is recorded already (as sent): never claimed.
    if (early === 'own_message') return this.ignored(parsed, early);
    return this.tx.run(async () => {
      const claim = await this.threads.claimReceived(parsed.messageId, sender);
      if (claim === null) {
        const made = await this.threads.madeBy(parsed.messageId);
        return { status: 'duplicate', ticket_id: made.ticketId, comment_id: made.commentId };
      }
      const reason = early ?? (await this.abuseReason(sender, claim));
      if (reason) {
        await this.threads.finishReceived(claim, 'ignored', { reason });
        return this.ignored(parsed, reason);
      }
      const user = await this.users.findByEmail(sender);
      if (user && !user.isActive) {
        await this.threads.finishReceived(claim, 'ignored', { reason: 'inactive_sender' });
        return this.ignored(parsed, 'inactive_sender');
      }
      const match = user ? await this.findThread(asCaller(user), parsed, envelope) : null;
      if (match && match.ticket.status !== TicketStatus.CLOSED) {
        return this.append(claim, asCaller(user!), match.ticket, match.rule, parsed);
      }
      const requester = user ?? (await this.users.findOrCreateByEmail(sender, parsed.from!.name));
      return this.open(claim, asCaller(requester), parsed, match?.ticket.id);
    });
  }

  /**
   * Header rules (the parser's) and the envelope's: an empty return path is a bounce; mail from
   * the desk's own addresses (a forwarding loop that rewrote the Message-ID) is ours.
   */
  private loopReason(parsed: ParsedMessage, envelope: InboundEnvelope): IgnoreReason | null {
    if (parsed.loopReason) return parsed.loopReason;
    if (isOwnMessageId(parsed.messageId, this.config.supportDomain)) return 'own_message';
    const sender = parsed.from!.address;
    if (isDeskAddress(sender, this.config)) return 'own_message';
    if (envelope.mailFrom === '' || parsed.returnPath === '') return 'null_sender';
    return null;
  }

  /** The per-sender flood limit, counted exactly under the sender's lock. */
  private async abuseReason(sender: string, claim: string): Promise<IgnoreReason | null> {
    await this.threads.lockSender(sender);
    const recent = await this.threads.receivedInLastHour(sender, claim, this.config.perSenderPerHour);
    return recent >= this.config.perSenderPerHour ? 'flood' : null;
  }

  private ignored(parsed: ParsedMessage, reason: IgnoreReason): IngestResult {
    this.logger.warn(
      { messageId: parsed.messageId, from: parsed.from?.address, reason },
      'Inbound email ignored (no ticket, no reply)',
    );
    return { status: 'ignored', ticket_id: null, comment_id: null };
  }

  /**
   * The ticket this message continues, locked: by its reply address, then by the messages it
   * answers, then by `[#id]` in the subject (the requester's only). The sender must be the
   * ticket's requester or staff (a stolen In-Reply-To from anyone else opens a new ticket).
   */
  private async findThread(
    sender: AuthUser,
    parsed: ParsedMessage,
    envelope: InboundEnvelope,
  ): Promise<{ ticket: Ticket; rule: ThreadRule } | null> {
    const recipients = envelope.recipients.length ? envelope.recipients : parsed.recipients;
    const candidates: Array<{ id: number; rule: ThreadRule }> = [];
    for (const address of recipients) {
      const id = ticketOfReplyAddress(address, this.config);
      if (id !== null) candidates.push({ id, rule: 'reply_address' });
    }
    const named = await this.threads.ticketsNamedBy([...parsed.inReplyTo, ...[...parsed.references].reverse()]);
    candidates.push(...named.map((id) => ({ id, rule: 'references' as const })));
    const bySubject = ticketOfSubject(parsed.subject);
    if (bySubject !== null) candidates.push({ id: bySubject, rule: 'subject' });

    for (const candidate of candidates) {
      const ticket = await this.ticketRows.findVisible(sender, candidate.id, true).catch((error: unknown) => {
        if (error instanceof AppException) return null; // not a ticket this sender may write to
        throw error;
      });
      if (!ticket) continue;
      if (candidate.rule === 'subject' && ticket.requesterId !== sender.id) continue;
      return { ticket, rule: candidate.rule };
    }
    return null;
  }

  /** A public comment by the sender on `ticket`; a resolved ticket is reopened first. */
  private async append(
    claim: string,
    sender: AuthUser,
    ticket: Ticket,
    rule: ThreadRule,
    parsed: ParsedMessage,
  ): Promise<IngestResult> {
    if (ticket.status === TicketStatus.RESOLVED) {
      await this.updates.applyChanges(sender, ticket, { version: ticket.version, status: TicketStatus.OPEN });
    }
    // The files first, then the comment that takes them (as an API client uploads, then comments
    // with attachment_ids): the comment's event names them, so the email that forwards a staff
    // member's reply to the requester lists them too.
    const files = await this.keepFiles(sender, ticket, parsed);
    const comment = await this.comments.create(
      sender,
      ticket.id,
      { body: bodyText(parsed.text) || NO_TEXT, ...(files.length ? { attachment_ids: files } : {}) },
      MessageSource.EMAIL,
    );
    await this.threads.finishReceived(claim, 'appended', { ticketId: ticket.id, commentId: comment.id });
    await this.recordReceived(ticket.id, sender.id, parsed, { rule, comment_id: comment.id });
    return { status: 'appended', ticket_id: ticket.id, comment_id: comment.id };
  }

  /** A new ticket (a follow-up when `followUpOf` is a closed ticket the message answered). */
  private async open(
    claim: string,
    requester: AuthUser,
    parsed: ParsedMessage,
    followUpOf: number | undefined,
  ): Promise<IngestResult> {
    const text = bodyText(parsed.text);
    const description = followUpOf === undefined ? text : `Follow-up to #${followUpOf}\n\n${text}`;
    const { ticket } = await this.tickets.create(
      requester,
      {
        title: titleOf(parsed.subject) || NO_SUBJECT,
        description: description.slice(0, MAX_TEXT).trim() || NO_TEXT,
      },
      { source: MessageSource.EMAIL },
    );
    await this.keepFiles(requester, ticket, parsed);
    await this.threads.finishReceived(claim, 'created', { ticketId: ticket.id });
    await this.recordReceived(ticket.id, requester.id, parsed, followUpOf ? { follow_up_of: followUpOf } : {});
    await this.mailer.acknowledge(ticket, requester, parsed.messageId);
    return { status: 'created', ticket_id: ticket.id, comment_id: null };
  }

  /**
   * The message's files on the ticket, by the sender (their ids, for a comment to take); parts
   * over the limit are named in an internal note.
   */
  private async keepFiles(sender: AuthUser, ticket: Ticket, parsed: ParsedMessage): Promise<number[]> {
    const rows = await this.intake.persist(parsed.attachments, { ticket, uploaderId: sender.id, isInternal: false });
    if (parsed.dropped.length) await this.noteDropped(sender, ticket, parsed);
    return rows.map((row) => row.id);
  }

  private async noteDropped(sender: AuthUser, ticket: Ticket, parsed: ParsedMessage): Promise<void> {
    const names = parsed.dropped.map((part) => `- ${part.filename} (${part.size} bytes or more)`).join('\n');
    await this.comments.addSystemNote(
      ticket,
      sender.id,
      `Attachments of the email ${parsed.messageId} over the limit of ${this.storage.maxBytes} bytes were not kept:\n${names}`,
      MessageSource.EMAIL,
    );
  }

  private recordReceived(
    ticketId: number,
    actorId: number,
    parsed: ParsedMessage,
    extra: Record<string, unknown>,
  ): Promise<void> {
    return this.ticketRows.recordEvents(ticketId, actorId, [
      {
        type: 'email.received',
        data: {
          message_id: parsed.messageId,
          from: parsed.from?.address ?? null,
          subject: titleOf(parsed.subject),
          attachments: parsed.attachments.length,
          ...extra,
        },
      },
    ]);
  }
}

/** What the services see of a sender: an AuthUser, as if they had signed in. */
function asCaller(user: Pick<User, 'id' | 'role' | 'email' | 'name'>): AuthUser {
  return { id: user.id, role: user.role as UserRole, email: user.email, name: user.name };
}

/** The parser's text (controls already removed, NUL among them), cut to what the API allows. */
function bodyText(text: string): string {
  return text.slice(0, MAX_TEXT).trim();
}

/** The parser's subject (decoded, one line already), cut to a title. */
function titleOf(subject: string): string {
  return subject.slice(0, MAX_TITLE).trim();
}
