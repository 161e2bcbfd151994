// The desk's side of the email conversation: the acknowledgement of a ticket opened by email and,
// as a ticket event sink, each public staff comment and each resolution, mailed to the requester.
// Everything is written in the transaction that recorded the change (the outbox row, the thread
// record, the `email.sent` event): a rollback sends nothing, a crash after commit loses nothing.
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { CommentReader } from '../../comments/comment-reader';
import { isStaff } from '../../common/user-role';
import { emailConfig } from '../../config';
import { TransactionContext } from '../../database/transaction-context';
import { OutboxService } from '../../outbox/outbox.service';
import type { SendMailJob } from '../../queues/queues';
import {
  EventSubject,
  RecordedEventOf,
  RecordedTicketEvent,
  TicketEventSink,
  TicketEventSinks,
} from '../../tickets/ticket-event-sink';
import { TicketRepository } from '../../tickets/ticket.repository';
import { UserContact, UserDirectory } from '../../users/user-directory';
import { EmailThreadRepository } from '../email-thread.repository';
import { newMessageId } from '../message-ids';
import { replyAddress } from '../reply-address';
import {
  acknowledgementEmail,
  ConversationEmailKind,
  isMailableAddress,
  MAX_REFERENCES,
  mailKindOf,
  MailedPerson,
  MailedTicket,
  replyEmail,
  resolvedEmail,
  Threading,
} from './conversation-emails';

export interface AcknowledgedTicket {
  id: number;
  title: string;
  requesterId: number;
}

/** What one email is, beside its content. */
interface Outgoing {
  kind: ConversationEmailKind;
  /** Deterministic (`email:<kind>:<ticket>:<what>`): the same change never writes a second email. */
  dedupeKey: string;
  commentId: number | null;
  inReplyTo?: string;
}

@Injectable()
export class ConversationMailer implements TicketEventSink, OnModuleInit {
  private readonly logger = new Logger(ConversationMailer.name);

  constructor(
    private readonly tx: TransactionContext,
    private readonly sinks: TicketEventSinks,
    private readonly threads: EmailThreadRepository,
    private readonly tickets: TicketRepository,
    private readonly users: UserDirectory,
    private readonly comments: CommentReader,
    private readonly outbox: OutboxService,
    @Inject(emailConfig.KEY) private readonly config: ConfigType<typeof emailConfig>,
  ) {}

  onModuleInit(): void {
    this.sinks.register(this);
  }

  /**
   * Inside the transaction that created `ticket` from the received message `inReplyTo`: queues
   * the acknowledgement to the requester through the outbox and records it in the thread.
   */
  async acknowledge(
    ticket: AcknowledgedTicket,
    requester: { email: string; name: string },
    inReplyTo: string,
  ): Promise<void> {
    if (!isMailableAddress(requester.email, this.config)) {
      this.skipped(ticket.id, 'unmailable_address');
      return;
    }
    await this.send(
      ticket,
      requester,
      { kind: 'acknowledgement', dedupeKey: `email:acknowledgement:${ticket.id}`, commentId: null, inReplyTo },
      (threading) => acknowledgementEmail(requester, ticket, threading),
    );
  }

  /** Runs on every event of every ticket write: events that mail nothing cost no query. */
  async recorded(ticketId: number, actorId: number | null, events: RecordedTicketEvent[]): Promise<void> {
    for (const event of events) {
      const kind = mailKindOf(event);
      if (kind === 'reply') await this.mailReply(ticketId, actorId, event.data, event.subject);
      else if (kind === 'resolved') await this.mailResolution(ticketId);
    }
  }

  async recordedMany(events: RecordedEventOf[]): Promise<void> {
    for (const event of events) {
      if (mailKindOf(event)) await this.recorded(event.ticketId, event.actorId, [event]);
    }
  }

  /**
   * A public comment by staff other than the requester, to the requester. An automation's comment
   * has no actor on its event (`data.automation_id` says which rule wrote it); its author is the
   * rule's, read from the comment.
   */
  private async mailReply(
    ticketId: number,
    actorId: number | null,
    data: Record<string, unknown>,
    subject: EventSubject = {},
  ): Promise<void> {
    const commentId = data.comment_id;
    const byAutomation = typeof data.automation_id === 'number';
    if (typeof commentId !== 'number' || (actorId === null && !byAutomation)) return;
    // The comment's writer hands on the ticket and comment it just wrote; others are read.
    const ticket = subject.ticket?.id === ticketId ? subject.ticket : await this.tickets.findLive(ticketId);
    if (!ticket || ticket.requesterId === actorId) return;
    const hasFiles = Array.isArray(data.attachment_ids) && data.attachment_ids.length > 0;
    const written = subject.comment?.id === commentId ? subject.comment : undefined;
    const comment = written
      ? written.isInternal
        ? null
        : written
      : await this.comments.publicContent(commentId, hasFiles);
    if (!comment || ticket.requesterId === comment.authorId) return;
    const people = await this.users.contacts([comment.authorId, ticket.requesterId]);
    const author = people.get(comment.authorId);
    if (!author || !isStaff(author.role)) return;
    const requester = this.recipient(ticketId, people.get(ticket.requesterId));
    if (!requester) return;
    await this.send(
      ticket,
      requester,
      { kind: 'reply', dedupeKey: `email:reply:${ticketId}:${commentId}`, commentId },
      (threading) => replyEmail(requester, ticket, comment, threading),
    );
  }

  /** The resolution notice, to the requester. */
  private async mailResolution(ticketId: number): Promise<void> {
    const ticket = await this.tickets.findLive(ticketId);
    if (!ticket) return;
    const requester = this.recipient(
      ticketId,
      (await this.users.contacts([ticket.requesterId])).get(ticket.requesterId),
    );
    if (!requester) return;
    // The version the change left is unique per change: a ticket resolved again later (after a
    // reopening) gets a notice again, the same change never two.
    const dedupeKey = `email:resolved:${ticketId}:v${ticket.version}`;
    await this.send(ticket, requester, { kind: 'resolved', dedupeKey, commentId: null }, (threading) =>
      resolvedEmail(requester, ticket, threading),
    );
  }

  /** The requester, if mail may reach them. */
  private recipient(ticketId: number, user: UserContact | undefined): UserContact | null {
    if (!user?.isActive) return this.skipped(ticketId, 'inactive_requester');
    if (!isMailableAddress(user.email, this.config)) return this.skipped(ticketId, 'unmailable_address');
    return user;
  }

  private skipped(ticketId: number, reason: string): null {
    this.logger.debug({ ticketId, reason }, 'No email to the requester');
    return null;
  }

  /** Writes one email of ticket `ticket`'s thread: the outbox row, the thread record, the timeline event. */
  private async send(
    ticket: MailedTicket,
    to: MailedPerson,
    outgoing: Outgoing,
    compose: (threading: Threading) => SendMailJob,
  ): Promise<void> {
    await this.tx.run(async () => {
      const messageId = newMessageId(this.config.supportDomain);
      const thread = await this.threads.thread(ticket.id, MAX_REFERENCES);
      const replyTo = replyAddress(ticket.id, this.config);
      await this.outbox.add(compose({ messageId, replyTo, thread, inReplyTo: outgoing.inReplyTo }), outgoing.dedupeKey);
      await this.threads.recordSent(ticket.id, messageId, outgoing.commentId);
      // Comes back to `recorded` (every event does): `email.sent` mails nothing, so it stops there.
      await this.tickets.recordEvents(ticket.id, null, [
        {
          type: 'email.sent',
          data: {
            message_id: messageId,
            to: to.email,
            kind: outgoing.kind,
            ...(outgoing.commentId === null ? {} : { comment_id: outgoing.commentId }),
          },
        },
      ]);
      this.tx.afterCommit(() => this.outbox.relaySoon());
    });
  }
}
