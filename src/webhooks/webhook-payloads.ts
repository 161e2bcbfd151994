// The body of a webhook message, built once at relay: `{type, timestamp, data: {ticket, comment?,
// attachment?, actor}}` with the resources as an admin reads them from the API.
import { Injectable } from '@nestjs/common';
import { AttachmentReader } from '../attachments/attachment-reader';
import { AuthUser } from '../common/auth-user';
import { UserRole } from '../common/user-role';
import { CommentReader } from '../comments/comment-reader';
import { TicketReader } from '../tickets/read/ticket-reader';
import { UserDirectory } from '../users/user-directory';

/** Whom payloads are presented to: an admin, who sees internal notes and every ticket. */
const ADMIN_VIEWER: AuthUser = { id: 0, role: UserRole.ADMIN, email: 'webhooks@invalid', name: 'webhooks' };

/** A webhook_messages row, as the relay reads it. */
export interface MessageRow {
  id: string;
  event_type: string;
  ticket_id: number | null;
  actor_id: number | null;
  data: Record<string, unknown>;
  occurred_at: Date;
}

@Injectable()
export class WebhookPayloads {
  constructor(
    private readonly tickets: TicketReader,
    private readonly comments: CommentReader,
    private readonly attachments: AttachmentReader,
    private readonly users: UserDirectory,
  ) {}

  /**
   * The payload of each message, by message id: a batch costs a few queries, not a few per message.
   * Queries run one after another (the caller's transaction has one connection).
   */
  async build(messages: MessageRow[]): Promise<Map<string, Record<string, unknown>>> {
    const idsOf = (key: string) =>
      messages.map((m) => m.data[key]).filter((id): id is number => typeof id === 'number' && Number.isInteger(id));
    const tickets = await this.tickets.presentByIdsWithDeleted(
      messages.map((m) => m.ticket_id).filter((id): id is number => id !== null),
      ADMIN_VIEWER,
    );
    const comments = await this.comments.presentByIds(ADMIN_VIEWER, idsOf('comment_id'));
    const attachments = await this.attachments.presentByIds(idsOf('attachment_id'));
    const actors = await this.users.refs(messages.map((m) => m.actor_id).filter((id): id is number => id !== null));
    return new Map(
      messages.map((message) => {
        const data: Record<string, unknown> = {
          // Null only if the ticket is gone for good (tickets are soft-deleted, so: never today).
          ticket: message.ticket_id === null ? null : (tickets.get(message.ticket_id) ?? null),
        };
        const commentId = message.data.comment_id;
        if (message.event_type === 'comment.created' && typeof commentId === 'number') {
          data.comment = comments.get(commentId) ?? null;
        }
        const attachmentId = message.data.attachment_id;
        if (message.event_type === 'attachment.added' && typeof attachmentId === 'number') {
          // Null when the file was deleted before the relay ran.
          data.attachment = attachments.get(attachmentId) ?? null;
        }
        const actor = message.actor_id === null ? undefined : actors.get(message.actor_id);
        // Null for the worker (SLA breaches, escalations), as in the timeline.
        data.actor = actor ? { id: actor.id, name: actor.name } : null;
        return [message.id, { type: message.event_type, timestamp: new Date(message.occurred_at).toISOString(), data }];
      }),
    );
  }
}
