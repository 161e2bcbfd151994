/** Lower-cased, trimmed, de-duplicated, sorted: the canonical form of a ticket's tags. */
export function normaliseTagNames(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean))].sort();
}
