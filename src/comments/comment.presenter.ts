import { AttachmentJson } from '../tickets/read/ticket-attachments';
import { Comment } from './comment.entity';
import { CommentAuthorJson, CommentJson } from './dto/comment.dtos';

export function toCommentJson(
  comment: Comment,
  author: CommentAuthorJson,
  attachments: AttachmentJson[] = [],
): CommentJson {
  return {
    id: comment.id,
    ticket_id: comment.ticketId,
    parent_id: comment.parentId,
    author,
    // A deleted comment keeps its place in the thread (replies stay attached) but not its words.
    body: comment.deletedAt ? '' : comment.body,
    is_internal: comment.isInternal,
    source: comment.source,
    created_at: comment.createdAt.toISOString(),
    edited_at: comment.editedAt?.toISOString() ?? null,
    deleted_at: comment.deletedAt?.toISOString() ?? null,
    attachments: comment.deletedAt ? [] : attachments,
  };
}
