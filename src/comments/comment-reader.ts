// Comments presented without the API's routes (webhooks' payloads in the worker process): the same
// JSON as GET /tickets/:id/comments gives `viewer`.
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AttachmentReader } from '../attachments/attachment-reader';
import { AuthUser } from '../common/auth-user';
import { TransactionContext } from '../database/transaction-context';
import { seesInternal } from '../tickets/read/ticket-visibility';
import { UserDirectory } from '../users/user-directory';
import { Comment } from './comment.entity';
import { toCommentJson } from './comment.presenter';
import { CommentJson } from './dto/comment.dtos';

@Injectable()
export class CommentReader {
  constructor(
    private readonly tx: TransactionContext,
    private readonly users: UserDirectory,
    private readonly attachments: AttachmentReader,
  ) {}

  /** Comments `ids` (deleted ones blanked, as in the thread) that `viewer` may see. */
  async presentByIds(viewer: AuthUser, ids: number[]): Promise<Map<number, CommentJson>> {
    if (!ids.length) return new Map();
    const comments = (await this.tx.manager.find(Comment, { where: { id: In([...new Set(ids)]) } })).filter(
      (comment) => seesInternal(viewer) || !comment.isInternal,
    );
    // One after another: callers may be in a transaction, whose one connection takes one query at a time.
    const authors = await this.users.refs(comments.map((c) => c.authorId));
    const attachments = await this.attachments.ofComments(
      comments.filter((c) => !c.deletedAt).map((c) => c.id),
      { internal: seesInternal(viewer) },
    );
    return new Map(comments.map((c) => [c.id, toCommentJson(c, authors.get(c.authorId)!, attachments.get(c.id))]));
  }
}
