// The desk's addresses: SUPPORT_ADDRESS and its plus-addresses, and among them each ticket's reply
// address `support+t<id>-<token>@domain`, whose token (an HMAC of the id) makes addresses of other
// tickets impossible to guess.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SupportMailbox {
  supportLocalPart: string;
  supportDomain: string;
  replyAddressKey: Buffer;
  /** MAIL_FROM's bare address, lower-cased. */
  fromAddress: string;
}

const TOKEN_CHARS = 16;

function tokenOf(ticketId: number, key: Buffer): string {
  return createHmac('sha256', key).update(`ticket:${ticketId}`).digest('hex').slice(0, TOKEN_CHARS);
}

/** Ticket `ticketId`'s reply address. */
export function replyAddress(ticketId: number, mailbox: SupportMailbox): string {
  return `${mailbox.supportLocalPart}+t${ticketId}-${tokenOf(ticketId, mailbox.replyAddressKey)}@${mailbox.supportDomain}`;
}

/** Splits `local+tag@domain` (lower-cased) when it is the support mailbox; null for any other address. */
function supportTag(address: string, mailbox: SupportMailbox): { tag: string | null } | null {
  const at = address.lastIndexOf('@');
  if (at < 1) return null;
  const local = address.slice(0, at).toLowerCase();
  const domain = address.slice(at + 1).toLowerCase();
  if (domain !== mailbox.supportDomain) return null;
  if (local === mailbox.supportLocalPart) return { tag: null };
  if (!local.startsWith(`${mailbox.supportLocalPart}+`)) return null;
  return { tag: local.slice(mailbox.supportLocalPart.length + 1) };
}

/** Whether mail to `address` reaches the desk: SUPPORT_ADDRESS or `local+<anything>@domain`. */
export function isSupportRecipient(address: string, mailbox: SupportMailbox): boolean {
  return supportTag(address, mailbox) !== null;
}

/**
 * Whether `address` is one of the desk's own: the support address, its plus-addresses, or the
 * address its emails come from. Mail from one of them is a loop; mail to one is never sent.
 */
export function isDeskAddress(address: string, mailbox: SupportMailbox): boolean {
  return isSupportRecipient(address, mailbox) || address.toLowerCase() === mailbox.fromAddress;
}

/** The ticket whose valid reply address `address` is; null for any other address or a wrong token. */
export function ticketOfReplyAddress(address: string, mailbox: SupportMailbox): number | null {
  const tag = supportTag(address, mailbox)?.tag;
  const match = tag ? /^t([1-9][0-9]{0,9})-([0-9a-f]+)$/.exec(tag) : null;
  if (!match) return null;
  const ticketId = Number(match[1]);
  if (!Number.isSafeInteger(ticketId) || ticketId > 2_147_483_647) return null;
  const expected = Buffer.from(tokenOf(ticketId, mailbox.replyAddressKey));
  const given = Buffer.from(match[2]);
  return given.length === expected.length && timingSafeEqual(given, expected) ? ticketId : null;
}

/** The ticket a subject names as `[#<id>]` (the first one), or null. */
export function ticketOfSubject(subject: string): number | null {
  const match = /\[#([1-9][0-9]{0,9})\]/.exec(subject);
  const id = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(id) && id <= 2_147_483_647 ? id : null;
}
