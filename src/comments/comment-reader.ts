// Comments presented without the API's routes (webhooks' payloads in the worker process): the same
// JSON as GET /tickets/:id/comments gives `viewer`; and what the email channel mails of a comment.
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AttachmentReader } from '../attachments/attachment-reader';
import { AttachmentRepository } from '../attachments/attachment.repository';
import { AuthUser } from '../common/auth-user';
import { TransactionContext } from '../database/transaction-context';
import { seesInternal } from '../tickets/read/ticket-visibility';
import { UserDirectory } from '../users/user-directory';
import { Comment } from './comment.entity';
import { toCommentJson } from './comment.presenter';
import { CommentJson } from './dto/comment.dtos';

/** What a requester reads of a public comment: its text, and the names and sizes of its public files. */
export interface PublicCommentContent {
  authorId: number;
  body: string;
  files: Array<{ filename: string; size: number }>;
}

@Injectable()
export class CommentReader {
  constructor(
    private readonly tx: TransactionContext,
    private readonly users: UserDirectory,
    private readonly attachments: AttachmentReader,
    private readonly attachmentRows: AttachmentRepository,
  ) {}

  /**
   * Comment `id` as its requester may read it; null when it is missing, deleted or internal. Its
   * files are looked up only when `withFiles` (the caller knows whether it has any): one query
   * for a comment without.
   */
  async publicContent(id: number, withFiles: boolean): Promise<PublicCommentContent | null> {
    const comment = await this.tx.manager.findOneBy(Comment, { id });
    if (!comment || comment.isInternal || comment.deletedAt) return null;
    const files = withFiles ? await this.attachmentRows.listForComments([id], { internal: false }) : [];
    return {
      authorId: comment.authorId,
      body: comment.body,
      files: files.map((file) => ({ filename: file.filename, size: file.size })),
    };
  }

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
