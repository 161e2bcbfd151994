import { EntityManager } from 'typeorm';

/** Lower-cased, trimmed, de-duplicated, sorted: the canonical form of a ticket's tags. */
export function normaliseTagNames(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean))].sort();
}

/** Replaces a ticket's tags, creating tag rows as needed (race-safe through ON CONFLICT). */
export async function replaceTicketTags(manager: EntityManager, ticketId: number, tags: string[]): Promise<void> {
  await manager.query(`DELETE FROM ticket_tags WHERE ticket_id = $1`, [ticketId]);
  await addTicketTags(manager, ticketId, tags);
}

/**
 * Links tags to a ticket that has none of them yet (a new ticket), creating tag rows as needed.
 * Two statements on purpose: a tag another transaction is inserting at the same moment makes
 * ON CONFLICT wait for it, and only a statement started after that sees the committed row.
 */
export async function addTicketTags(manager: EntityManager, ticketId: number, tags: string[]): Promise<void> {
  if (!tags.length) return;
  await manager.query(`INSERT INTO tags (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`, [tags]);
  await manager.query(
    `INSERT INTO ticket_tags (ticket_id, tag_id) SELECT $1, id FROM tags WHERE name = ANY($2::text[])`,
    [ticketId, tags],
  );
}

export async function tagNamesOf(manager: EntityManager, ticketId: number): Promise<string[]> {
  const rows: Array<{ name: string }> = await manager.query(
    `SELECT g.name FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.ticket_id = $1 ORDER BY g.name`,
    [ticketId],
  );
  return rows.map((row) => row.name);
}
