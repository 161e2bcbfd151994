// The SQL of `ticket_search` (migration 1764001600000): what a search matches, and what keeps a
// ticket's comment vectors in step with its comments.

/**
 * Postgres refuses a tsvector over 1 MB. A ticket's comment vectors stop growing well before that:
 * beyond this size new comments are still stored and shown, just not searchable (the rebuild keeps
 * the oldest text up to a similar budget). Title and description are always searchable.
 */
const MAX_VECTOR_BYTES = 512 * 1024;
/** How much of a ticket's comment text (oldest first) a rebuild indexes. */
export const MAX_REBUILD_CHARS = 200_000;

/**
 * The SET clause of the `ticket_search` UPDATE that appends one new comment's words (cheap, the
 * common case). `bodyParam` is the placeholder of the comment's text, e.g. `$4`.
 */
export function appendCommentToSearchSet(isInternal: boolean, bodyParam: string): string {
  const column = isInternal ? 'internal_comments' : 'public_comments';
  return `${column} = CASE WHEN pg_column_size(${column}) < ${MAX_VECTOR_BYTES}
                THEN ${column} || setweight(to_tsvector('english', ${bodyParam}), 'C') ELSE ${column} END`;
}

/**
 * The condition on `ticket_search` row `alias` that a search for the named parameter `:param`
 * matches: the title, description and public comments, and for staff the internal notes. Each
 * side is served by its GIN index (the first by the index on the expression, written the same).
 */
export function searchMatchSql(alias: string, withInternal: boolean, param = 'q'): string {
  const query = `websearch_to_tsquery('english', :${param})`;
  const document = `(${alias}.content || ${alias}.public_comments) @@ ${query}`;
  return withInternal ? `(${document} OR ${alias}.internal_comments @@ ${query})` : document;
}
