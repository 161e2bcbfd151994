import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { markPrepared } from '../database/prepared-statements';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { AppException } from '../common/errors/app.exception';
import { Page, PaginationQueryDto, toPage } from '../common/pagination/pagination';
import { CappedCounter } from '../database/capped-counts';
import { RealtimePublisher } from '../realtime/realtime-publisher';
import { commentCreatedEvent } from '../tickets/ticket-notifications';
import { TicketsService } from '../tickets/write/tickets.service';
import { seesInternal } from '../tickets/read/ticket-visibility';
import { recordEvents } from '../tickets/timeline';
import { isStaff, UserRole } from '../common/user-role';
import { Comment } from './comment.entity';
import { toCommentJson } from './comment.presenter';
import { appendCommentToSearchSet, rebuildCommentSearch } from './comment-search';
import { CommentJson, CreateCommentDto } from './dto/comment.dtos';

/** Authors may delete their own comment for this long; admins always. */
export const AUTHOR_DELETE_WINDOW_MS = 15 * 60 * 1000;

@Injectable()
export class CommentsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly counts: CappedCounter,
    private readonly tickets: TicketsService,
    private readonly notifications: RealtimePublisher,
  ) {}

  async list(caller: AuthUser, ticketId: number, query: PaginationQueryDto): Promise<Page<CommentJson>> {
    await this.tickets.findVisible(this.tx.manager, caller, ticketId);
    const qb = this.tx.manager
      .getRepository(Comment)
      .createQueryBuilder('c')
      .where('c.ticketId = :ticketId', { ticketId });
    if (!seesInternal(caller)) qb.andWhere('c.isInternal = false');
    const [comments, count] = await Promise.all([
      qb.clone().orderBy('c.id', 'ASC').offset(query.offset).limit(query.limit).getMany(),
      this.counts.count(qb),
    ]);
    return toPage(await this.present(this.tx.manager, comments), count, query);
  }

  async create(caller: AuthUser, ticketId: number, input: CreateCommentDto): Promise<CommentJson> {
    const isInternal = input.is_internal ?? false;
    if (isInternal && !seesInternal(caller)) throw AppException.forbidden('Requesters cannot write internal notes');
    return this.tx.run(async (manager) => {
      // The ticket row lock orders concurrent comments, so counts and first_responded_at stay exact.
      const ticket = await this.tickets.findVisible(manager, caller, ticketId, true);
      if (input.parent_id) await this.assertParent(manager, caller, ticketId, input.parent_id, isInternal);
      const [inserted]: Array<{ id: number; created_at: Date }> = await manager.query(
        markPrepared(`INSERT INTO comments (ticket_id, parent_id, author_id, body, is_internal)
         VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at`),
        [ticketId, input.parent_id ?? null, caller.id, input.body, isInternal],
      );
      const firstResponse = !isInternal && isStaff(caller.role) && ticket.firstRespondedAt === null;
      await manager.query(
        markPrepared(`UPDATE tickets SET comment_count = comment_count + 1,
                public_comment_count = public_comment_count + $2,
                first_responded_at = CASE WHEN $3 THEN now() ELSE first_responded_at END,
                -- an internal note is not activity the requester may notice (sort=-updated_at)
                updated_at = CASE WHEN $2 = 1 THEN now() ELSE updated_at END,
                ${appendCommentToSearchSet(isInternal, '$4')}
          WHERE id = $1`),
        [ticketId, isInternal ? 0 : 1, firstResponse, input.body],
      );
      const id = inserted.id;
      await recordEvents(manager, ticketId, caller.id, [
        { type: 'comment.created', data: { comment_id: id, is_internal: isInternal }, isInternal },
      ]);
      this.tx.afterCommit(() =>
        this.notifications.publish(commentCreatedEvent(ticket, { id, authorId: caller.id, isInternal })),
      );
      // Everything the JSON needs is known: the author is the caller.
      return toCommentJson(
        Object.assign(new Comment(), {
          id,
          ticketId,
          parentId: input.parent_id ?? null,
          authorId: caller.id,
          body: input.body,
          isInternal,
          createdAt: inserted.created_at,
          editedAt: null,
          deletedAt: null,
        }),
        { id: caller.id, name: caller.name, role: caller.role },
      );
    });
  }

  async update(caller: AuthUser, ticketId: number, commentId: number, body: string): Promise<CommentJson> {
    return this.tx.run(async (manager) => {
      await this.tickets.findVisible(manager, caller, ticketId, true);
      const comment = await this.findVisibleComment(manager, caller, ticketId, commentId);
      if (comment.authorId !== caller.id) throw AppException.forbidden('Only the author may edit a comment');
      if (comment.deletedAt) throw AppException.unprocessable('A deleted comment cannot be edited');
      await manager.update(Comment, { id: commentId }, { body, editedAt: () => 'now()' });
      await rebuildCommentSearch(manager, ticketId);
      const updated = await manager.findOneByOrFail(Comment, { id: commentId });
      return (await this.present(manager, [updated]))[0];
    });
  }

  async remove(caller: AuthUser, ticketId: number, commentId: number): Promise<void> {
    await this.tx.run(async (manager) => {
      await this.tickets.findVisible(manager, caller, ticketId, true);
      const comment = await this.findVisibleComment(manager, caller, ticketId, commentId);
      const ownRecent =
        comment.authorId === caller.id && Date.now() - comment.createdAt.getTime() <= AUTHOR_DELETE_WINDOW_MS;
      if (caller.role !== UserRole.ADMIN && !ownRecent) {
        throw AppException.forbidden('Only admins, or the author within 15 minutes, may delete a comment');
      }
      if (comment.deletedAt) return;
      await manager.update(Comment, { id: commentId }, { deletedAt: () => 'now()' });
      await manager.query(
        `UPDATE tickets SET comment_count = comment_count - 1, public_comment_count = public_comment_count - $2,
                updated_at = CASE WHEN $2 = 1 THEN now() ELSE updated_at END WHERE id = $1`,
        [ticketId, comment.isInternal ? 0 : 1],
      );
      await rebuildCommentSearch(manager, ticketId);
      await recordEvents(manager, ticketId, caller.id, [
        {
          type: 'comment.deleted',
          data: { comment_id: commentId, is_internal: comment.isInternal },
          isInternal: comment.isInternal,
        },
      ]);
    });
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

  private async present(manager: EntityManager, comments: Comment[]): Promise<CommentJson[]> {
    const authorIds = [...new Set(comments.map((c) => c.authorId))];
    const authors: Array<{ id: number; name: string; role: UserRole }> = authorIds.length
      ? await manager.query(`SELECT id, name, role FROM users WHERE id = ANY($1)`, [authorIds])
      : [];
    const byId = new Map(authors.map((a) => [a.id, a]));
    return comments.map((c) => toCommentJson(c, byId.get(c.authorId)!));
  }
}
