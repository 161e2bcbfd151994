// Keeps a ticket's comment search vectors in step with its comments, in the caller's transaction.
import { EntityManager } from 'typeorm';

/** Appends one new comment's words (cheap, the common case). */
export async function appendCommentToSearch(
  manager: EntityManager,
  ticketId: number,
  body: string,
  isInternal: boolean,
): Promise<void> {
  const column = isInternal ? 'internal_comments_tsv' : 'public_comments_tsv';
  await manager.query(
    `UPDATE tickets SET ${column} = ${column} || setweight(to_tsvector('english', $2), 'C') WHERE id = $1`,
    [ticketId, body],
  );
}

/** Rebuilds both vectors from the live comments (after an edit or a delete). */
export async function rebuildCommentSearch(manager: EntityManager, ticketId: number): Promise<void> {
  const vector = (internal: boolean) =>
    `coalesce((SELECT setweight(to_tsvector('english', string_agg(body, ' ' ORDER BY id)), 'C') FROM comments
        WHERE ticket_id = $1 AND deleted_at IS NULL AND is_internal = ${internal}), ''::tsvector)`;
  await manager.query(
    `UPDATE tickets SET public_comments_tsv = ${vector(false)}, internal_comments_tsv = ${vector(true)} WHERE id = $1`,
    [ticketId],
  );
}
