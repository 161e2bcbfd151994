// The Message-IDs the desk generates for what it sends: recognisable, so a message that comes back
// carrying one of them (an auto-reply that copied it, a mail loop) is ignored.
import { randomUUID } from 'node:crypto';

const PREFIX = 'helpdesk.';

/** A new `<helpdesk.<32 hex>@domain>`. */
export function newMessageId(domain: string): string {
  return `<${PREFIX}${randomUUID().replace(/-/g, '')}@${domain}>`;
}

/** Whether `id` (with or without angle brackets) looks like one `newMessageId(domain)` made. */
export function isOwnMessageId(id: string, domain: string): boolean {
  const bare = id.replace(/^<|>$/g, '').toLowerCase();
  return (
    bare.startsWith(PREFIX) &&
    bare.endsWith(`@${domain.toLowerCase()}`) &&
    /^[0-9a-f]{32}$/.test(bare.slice(PREFIX.length, bare.indexOf('@')))
  );
}
