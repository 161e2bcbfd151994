// Comments and internal notes: the owner of `comments`. What a comment changes on its ticket
// (counters, first response, search vectors, timeline) goes through TicketRepository.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AttachmentsService } from '../attachments/attachments.service';
import { AuthUser } from '../common/auth-user';
import { AppException } from '../common/errors/app.exception';
import { Page, PaginationQueryDto, toPage } from '../common/pagination/pagination';
import { MessageSource } from '../common/ticket-enums';
import { isStaff, UserRole } from '../common/user-role';
import { CappedCounter } from '../database/capped-counts';
import { markPrepared } from '../database/prepared-statements';
import { TransactionContext } from '../database/transaction-context';
import { RealtimePublisher } from '../realtime/realtime-publisher';
import { seesInternal } from '../tickets/read/ticket-visibility';
import { commentCreatedEvent } from '../tickets/ticket-notifications';
import { Ticket } from '../tickets/ticket.entity';
import { TicketRepository } from '../tickets/ticket.repository';
import { MAX_REBUILD_CHARS } from '../tickets/ticket-search-sql';
import { UserDirectory } from '../users/user-directory';
import { Comment } from './comment.entity';
import { toCommentJson } from './comment.presenter';
import { CommentJson, CreateCommentDto } from './dto/comment.dtos';

/**
 * Set when an automation writes the comment (API.md → automations): the comment is authored by
 * the rule's author (the admin who last saved it), its event has a null actor and
 * `data.automation_id`, and it is never the ticket's first response (a rule is not the desk
 * answering).
 */
export interface CommentContext {
  automation?: { id: number; authorId: number };
}

/** Authors may delete their own comment for this long; admins always. */
export const AUTHOR_DELETE_WINDOW_MS = 15 * 60 * 1000;

@Injectable()
export class CommentsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly counts: CappedCounter,
    private readonly tickets: TicketRepository,
    private readonly users: UserDirectory,
    private readonly notifications: RealtimePublisher,
    private readonly attachments: AttachmentsService,
  ) {}

  async list(caller: AuthUser, ticketId: number, query: PaginationQueryDto): Promise<Page<CommentJson>> {
    await this.tickets.findVisible(caller, ticketId);
    const qb = this.tx.manager
      .getRepository(Comment)
      .createQueryBuilder('c')
      .where('c.ticketId = :ticketId', { ticketId });
    if (!seesInternal(caller)) qb.andWhere('c.isInternal = false');
    const [comments, count] = await Promise.all([
      qb.clone().orderBy('c.id', 'ASC').offset(query.offset).limit(query.limit).getMany(),
      this.counts.count(qb),
    ]);
    return toPage(await this.present(caller, comments), count, query);
  }

  /** What a new comment needs of its author: the ticket in sight, and staff for an internal note. */
  async assertMayCreate(caller: AuthUser, ticketId: number, isInternal: boolean): Promise<void> {
    assertMayWriteInternal(caller, isInternal);
    await this.tickets.findVisible(caller, ticketId);
  }

  /**
   * Adds a comment as `caller`. The email channel calls it inside its own transaction (which
   * `tx.run` joins), so the message record and the comment commit together.
   */
  async create(
    caller: AuthUser,
    ticketId: number,
    input: CreateCommentDto,
    source: MessageSource = MessageSource.API,
    context: CommentContext = {},
  ): Promise<CommentJson> {
    const isInternal = input.is_internal ?? false;
    assertMayWriteInternal(caller, isInternal);
    const { automation } = context;
    const authorId = automation?.authorId ?? caller.id;
    return this.tx.run(async (manager) => {
      // The ticket's UPDATE (counters, search words) is also the row lock that orders concurrent
      // comments, so counts and first_responded_at stay exact; a ticket out of sight is a 404.
      const ticket = await this.tickets.recordNewComment(caller, ticketId, {
        isInternal,
        mayAnswer: !automation && !isInternal && isStaff(caller.role),
        body: input.body,
      });
      if (input.parent_id) await this.assertParent(manager, caller, ticketId, input.parent_id, isInternal);
      const inserted = await this.insertRow(manager, ticketId, authorId, {
        parentId: input.parent_id ?? null,
        body: input.body,
        isInternal,
        source,
      });
      const id = inserted.id;
      const attachmentIds = input.attachment_ids ?? [];
      const attachments = attachmentIds.length
        ? await this.attachments.attachToComment(attachmentIds, {
            ticketId,
            uploaderId: caller.id,
            isInternal,
            commentId: id,
          })
        : [];
      const data = attachmentIds.length
        ? { comment_id: id, is_internal: isInternal, source, attachment_ids: attachments.map((a) => a.id) }
        : { comment_id: id, is_internal: isInternal, source };
      const files = attachments.map(({ filename, size }) => ({ filename, size }));
      const subject = { ticket, comment: { id, authorId, body: input.body, isInternal, files } };
      if (automation) {
        await this.tickets.recordEvents(ticketId, null, [
          { type: 'comment.created', data: { ...data, automation_id: automation.id }, isInternal, subject },
        ]);
      } else {
        await this.tickets.recordEvents(ticketId, caller.id, [{ type: 'comment.created', data, isInternal, subject }]);
      }
      this.tx.afterCommit(() => this.notifications.publish(commentCreatedEvent(ticket, { id, authorId, isInternal })));
      const author = automation
        ? (await this.users.refs([authorId])).get(authorId)!
        : { id: caller.id, name: caller.name, role: caller.role };
      // Everything else the JSON needs is known.
      return toCommentJson(
        Object.assign(new Comment(), {
          id,
          ticketId,
          parentId: input.parent_id ?? null,
          authorId,
          body: input.body,
          isInternal,
          source,
          createdAt: inserted.created_at,
          editedAt: null,
          deletedAt: null,
        }),
        author,
        attachments,
      );
    });
  }

  /**
   * An internal note the desk writes itself (the email channel naming the files it could not
   * keep), attributed to `authorId` whatever their role: requesters never see it.
   */
  async addSystemNote(
    ticket: Pick<Ticket, 'id' | 'requesterId'>,
    authorId: number,
    body: string,
    source: MessageSource,
  ): Promise<number> {
    return this.tx.run(async (manager) => {
      const { id } = await this.insertRow(manager, ticket.id, authorId, {
        parentId: null,
        body,
        isInternal: true,
        source,
      });
      await this.tickets.recordComment(ticket.id, { isInternal: true, isFirstResponse: false, body });
      await this.tickets.recordEvents(ticket.id, authorId, [
        { type: 'comment.created', data: { comment_id: id, is_internal: true, source }, isInternal: true },
      ]);
      this.tx.afterCommit(() =>
        this.notifications.publish(commentCreatedEvent(ticket, { id, authorId, isInternal: true })),
      );
      return id;
    });
  }

  async update(caller: AuthUser, ticketId: number, commentId: number, body: string): Promise<CommentJson> {
    return this.tx.run(async (manager) => {
      await this.tickets.findVisible(caller, ticketId, true);
      const comment = await this.findVisibleComment(manager, caller, ticketId, commentId);
      if (comment.authorId !== caller.id) throw AppException.forbidden('Only the author may edit a comment');
      if (comment.deletedAt) throw AppException.unprocessable('A deleted comment cannot be edited');
      await manager.update(Comment, { id: commentId }, { body, editedAt: () => 'now()' });
      await this.rebuildSearch(manager, ticketId);
      const updated = await manager.findOneByOrFail(Comment, { id: commentId });
      return (await this.present(caller, [updated]))[0];
    });
  }

  async remove(caller: AuthUser, ticketId: number, commentId: number): Promise<void> {
    await this.tx.run(async (manager) => {
      await this.tickets.findVisible(caller, ticketId, true);
      const comment = await this.findVisibleComment(manager, caller, ticketId, commentId);
      const ownRecent =
        comment.authorId === caller.id && Date.now() - comment.createdAt.getTime() <= AUTHOR_DELETE_WINDOW_MS;
      if (caller.role !== UserRole.ADMIN && !ownRecent) {
        throw AppException.forbidden('Only admins, or the author within 15 minutes, may delete a comment');
      }
      if (comment.deletedAt) return;
      await manager.update(Comment, { id: commentId }, { deletedAt: () => 'now()' });
      await this.attachments.deleteForComment(commentId);
      await this.tickets.forgetComment(ticketId, comment.isInternal);
      await this.rebuildSearch(manager, ticketId);
      await this.tickets.recordEvents(ticketId, caller.id, [
        {
          type: 'comment.deleted',
          data: { comment_id: commentId, is_internal: comment.isInternal },
          isInternal: comment.isInternal,
        },
      ]);
    });
  }

  /** The comment's row (what it changes on its ticket is the caller's to record). */
  private async insertRow(
    manager: EntityManager,
    ticketId: number,
    authorId: number,
    comment: { parentId: number | null; body: string; isInternal: boolean; source: MessageSource },
  ): Promise<{ id: number; created_at: Date }> {
    const [inserted]: Array<{ id: number; created_at: Date }> = await manager.query(
      markPrepared(`INSERT INTO comments (ticket_id, parent_id, author_id, body, is_internal, source)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at`),
      [ticketId, comment.parentId, authorId, comment.body, comment.isInternal, comment.source],
    );
    return inserted;
  }

  /** After an edit or a delete: the ticket's comment search vectors from its live comments' text. */
  private async rebuildSearch(manager: EntityManager, ticketId: number): Promise<void> {
    const [text]: Array<{ public: string; internal: string }> = await manager.query(
      `SELECT coalesce(left(string_agg(body, ' ' ORDER BY id) FILTER (WHERE NOT is_internal), $2), '') AS public,
              coalesce(left(string_agg(body, ' ' ORDER BY id) FILTER (WHERE is_internal), $2), '') AS internal
         FROM comments WHERE ticket_id = $1 AND deleted_at IS NULL`,
      [ticketId, MAX_REBUILD_CHARS],
    );
    await this.tickets.setCommentSearchText(ticketId, text);
  }

  /** A comment of this ticket the caller may see; internal ones do not exist for requesters. */
  private async findVisibleComment(manager: EntityManager, caller: AuthUser, ticketId: number, commentId: number) {
    const comment = await manager.findOneBy(Comment, { id: commentId, ticketId });
    if (!comment || (comment.isInternal && !seesInternal(caller))) throw AppException.notFound('Comment');
    return comment;
  }

  private async assertParent(
    manager: EntityManager,
    caller: AuthUser,
    ticketId: number,
    parentId: number,
    replyIsInternal: boolean,
  ): Promise<void> {
    const parent = await manager.findOneBy(Comment, { id: parentId });
    if (!parent || parent.ticketId !== ticketId || (parent.isInternal && !seesInternal(caller))) {
      throw AppException.unprocessable('parent_id must be a comment of the same ticket', {
        parent_id: ['is not a comment of this ticket'],
      });
    }
    // A public reply under an internal note would show the requester the id of a note they cannot see.
    if (parent.isInternal && !replyIsInternal) {
      throw AppException.unprocessable('A public reply cannot answer an internal note', {
        parent_id: ['is an internal note; reply internally or without parent_id'],
      });
    }
  }

  private async present(caller: AuthUser, comments: Comment[]): Promise<CommentJson[]> {
    const [authors, attachments] = await Promise.all([
      this.users.refs(comments.map((c) => c.authorId)),
      this.attachments.ofComments(
        caller,
        comments.filter((c) => !c.deletedAt).map((c) => c.id),
      ),
    ]);
    return comments.map((c) => toCommentJson(c, authors.get(c.authorId)!, attachments.get(c.id)));
  }
}

function assertMayWriteInternal(caller: AuthUser, isInternal: boolean): void {
  if (isInternal && !seesInternal(caller)) throw AppException.forbidden('Requesters cannot write internal notes');
}
