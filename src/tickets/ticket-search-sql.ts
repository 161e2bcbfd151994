// The SQL that keeps a ticket's comment search vectors in step with its comments.

/**
 * Postgres refuses a tsvector over 1 MB. A ticket's comment vectors stop growing well before that:
 * beyond this size new comments are still stored and shown, just not searchable (the rebuild keeps
 * the oldest text up to a similar budget). Title and description are always searchable.
 */
const MAX_VECTOR_BYTES = 512 * 1024;
/** How much of a ticket's comment text (oldest first) a rebuild indexes. */
export const MAX_REBUILD_CHARS = 200_000;

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
