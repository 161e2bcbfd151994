// Keeps a ticket's comment search vectors in step with its comments, in the caller's transaction.
import { EntityManager } from 'typeorm';

/**
 * Postgres refuses a tsvector over 1 MB. A ticket's comment vectors stop growing well before that:
 * beyond this size new comments are still stored and shown, just not searchable (the rebuild keeps
 * the oldest text up to a similar budget). Title and description are always searchable.
 */
const MAX_VECTOR_BYTES = 512 * 1024;
const MAX_REBUILD_CHARS = 200_000;

/**
 * The SET clause that appends one new comment's words (cheap, the common case), for the UPDATE of
 * the ticket row that also bumps its counters: one row version per comment, not two.
 * `bodyParam` is the placeholder of the comment's text, e.g. `$4`.
 */
export function appendCommentToSearchSet(isInternal: boolean, bodyParam: string): string {
  const column = isInternal ? 'internal_comments_tsv' : 'public_comments_tsv';
  return `${column} = CASE WHEN pg_column_size(${column}) < ${MAX_VECTOR_BYTES}
                THEN ${column} || setweight(to_tsvector('english', ${bodyParam}), 'C') ELSE ${column} END`;
}

/** Rebuilds both vectors from the live comments (after an edit or a delete). */
export async function rebuildCommentSearch(manager: EntityManager, ticketId: number): Promise<void> {
  const vector = (internal: boolean) =>
    `coalesce((SELECT setweight(to_tsvector('english', left(string_agg(body, ' ' ORDER BY id), ${MAX_REBUILD_CHARS})), 'C') FROM comments
        WHERE ticket_id = $1 AND deleted_at IS NULL AND is_internal = ${internal}), ''::tsvector)`;
  await manager.query(
    `UPDATE tickets SET public_comments_tsv = ${vector(false)}, internal_comments_tsv = ${vector(true)} WHERE id = $1`,
    [ticketId],
  );
}
