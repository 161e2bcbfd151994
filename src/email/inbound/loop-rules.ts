// Which received messages the desk must never answer (API: loop and abuse protection): its own mail
// coming back, bounces, auto-replies and list or bulk mail. Answering any of them can start a mail
// loop or spam a list. Decided from the message's headers alone; the caller adds the envelope
// checks (an empty SMTP return path) and the per-sender rate.
//
// In order, the first that holds:
//   own_message     the Message-ID is one the desk generated (`isOwnMessageId`)
//   bounce          the From local part is `mailer-daemon` or `postmaster`, or the message is a
//                   delivery status report (`Content-Type: multipart/report; report-type=delivery-status`)
//   auto_submitted  `Auto-Submitted` present and not `no`; `X-Autoreply` or `X-Autorespond` present
//                   (and not `no`/`false`/`0`); `Precedence: auto_reply`; a read receipt
//                   (`multipart/report; report-type=disposition-notification`)
// `X-Auto-Response-Suppress` is NOT a rule: Outlook and Exchange put it on mail people write too
// (it asks the receiver not to auto-reply; it does not say the message is automatic), and a
// customer's message must never be dropped for it.
//   bulk            `Precedence: bulk|junk|list`, or a `List-Id` or `List-Unsubscribe` header
import { isOwnMessageId } from '../message-ids';
import type { LoopReason, MailAddress } from './inbound-message';
import type { HeaderFields } from './message-headers';

export interface LoopFacts {
  headers: HeaderFields;
  /** The parsed From (null when unusable). */
  from: MailAddress | null;
  /** The message's own Message-ID, normalised. */
  messageId: string;
}

const DAEMON_SENDERS = new Set(['mailer-daemon', 'postmaster']);
const BULK_PRECEDENCE = new Set(['bulk', 'junk', 'list']);
const NEGATIVE = new Set(['no', 'false', '0']);

export function loopReason(facts: LoopFacts, supportDomain: string): LoopReason | null {
  if (isOwnMessageId(facts.messageId, supportDomain)) return 'own_message';
  if (isBounce(facts)) return 'bounce';
  if (isAutoSubmitted(facts.headers)) return 'auto_submitted';
  if (isBulk(facts.headers)) return 'bulk';
  return null;
}

function isBounce({ headers, from }: LoopFacts): boolean {
  const localPart = from ? from.address.slice(0, from.address.lastIndexOf('@')) : '';
  return DAEMON_SENDERS.has(localPart) || reportType(headers) === 'delivery-status';
}

function isAutoSubmitted(headers: HeaderFields): boolean {
  const autoSubmitted = headers.get('auto-submitted') ?? [];
  if (autoSubmitted.some((value) => leadingToken(value) !== 'no')) return true;
  for (const name of ['x-autoreply', 'x-autorespond']) {
    if ((headers.get(name) ?? []).some((value) => !NEGATIVE.has(leadingToken(value)))) return true;
  }
  if (precedences(headers).includes('auto_reply')) return true;
  return reportType(headers) === 'disposition-notification';
}

function isBulk(headers: HeaderFields): boolean {
  return (
    precedences(headers).some((value) => BULK_PRECEDENCE.has(value)) ||
    headers.has('list-id') ||
    headers.has('list-unsubscribe')
  );
}

function precedences(headers: HeaderFields): string[] {
  return (headers.get('precedence') ?? []).map(leadingToken);
}

/** The `report-type` of a top-level `multipart/report`, lower-cased; '' for any other message. */
function reportType(headers: HeaderFields): string {
  const contentType = headers.get('content-type')?.[0] ?? '';
  if (leadingToken(contentType) !== 'multipart/report') return '';
  return /;\s*report-type\s*=\s*"?([^";\s]*)/i.exec(contentType)?.[1]?.toLowerCase() ?? '';
}

/** A structured value's first token (before `;`, comments dropped), lower-cased. */
function leadingToken(value: string): string {
  return value
    .replace(/\([^()]*\)/g, ' ')
    .split(';')[0]
    .trim()
    .toLowerCase();
}
