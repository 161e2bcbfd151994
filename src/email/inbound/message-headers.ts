// The header fields of a received message that threading and loop protection depend on, read from
// the raw header lines rather than from mailparser's interpretation of them (which keeps one
// In-Reply-To as a single string, decodes encoded words inside ids and tolerates anything), and
// normalised and bounded here: ids `<…>`, addresses lower-cased and checked, text without controls.
import { parseAddressHeader } from 'mailparser';
import type { MailAddress } from './inbound-message';
import { decodeHeaderWords, decodeUnlabelled } from './charset-fallback';

/** RFC 5322's line limit: no Message-ID kept is longer, brackets included. */
export const MAX_MESSAGE_ID_LENGTH = 998;
/** In-Reply-To and References together keep at most this many ids. */
export const MAX_THREAD_IDS = 50;
/** RFC 5321's limit for a forward path. */
export const MAX_ADDRESS_LENGTH = 254;
export const MAX_RECIPIENTS = 100;
/** How much of one address header is read: 100 addresses fit many times over. */
const MAX_ADDRESS_HEADER_CHARS = 64 * 1024;

/** The top-level header fields by lower-cased name: values unfolded and decoded to text, in order. */
export type HeaderFields = ReadonlyMap<string, readonly string[]>;

// C0 and C1 controls and DEL, but the whitespace ones (tab, line breaks), which become spaces.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;
/** Never part of a kept Message-ID or address: whitespace, controls, angle brackets. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SPACE_CONTROL_OR_BRACKET = /[\s\u0000-\u001f\u007f-\u009f<>]/;
/** Characters of a domain literal or of a list that addressparser left in a domain. */
const NOT_IN_A_DOMAIN = /[()[\],;:"\\]/;

/**
 * The fields of mailparser's raw header lines (`Name: value` with folding, bytes as Latin-1
 * characters): each value unfolded, trimmed, and decoded as UTF-8 or else Windows-1252. Lines
 * that are not a field are left out.
 */
export function headerFields(lines: ReadonlyArray<{ key: string; line: string }>): HeaderFields {
  const fields = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const colon = line.indexOf(':');
    // mailsplit keeps a line without a field name (garbage before the body) with an empty key.
    if (key === '' || colon < 0) continue;
    const raw = line.slice(colon + 1);
    const value = decodeUnlabelled(Buffer.from(raw.replace(/\r?\n(?=[ \t])/g, ''), 'latin1')).trim();
    const name = key.toLowerCase();
    const values = fields.get(name);
    if (values) values.push(value);
    else fields.set(name, [value]);
  }
  return fields;
}

/** The first value of a field, undefined when the message has none. */
export function firstValue(fields: HeaderFields, name: string): string | undefined {
  return fields.get(name)?.[0];
}

/** Header text for people: encoded words decoded, controls removed, whitespace collapsed. */
export function headerText(value: string): string {
  return cleanText(decodeHeaderWords(value));
}

/** `text` without control characters, runs of whitespace (tabs, line breaks) as one space, trimmed. */
export function cleanText(text: string): string {
  return text.replace(CONTROLS, '').replace(/\s+/g, ' ').trim();
}

/**
 * A Message-ID as `<id>`: the first bracketed id of the value, or the whole value when it has no
 * brackets. Null when nothing is left, when the id holds whitespace, a control character or a
 * stray bracket, or when it is longer than 998 bytes. RFC 5322 ids are ASCII; a non-ASCII one
 * counts by its UTF-8 bytes, so that no id can pass the index's size limit (it would fail the
 * claim again on every retry of the message).
 */
export function normalizeMessageId(value: string): string | null {
  const trimmed = value.trim();
  const bracketed = /<([^<>]*)>/.exec(trimmed);
  const id = (bracketed ? bracketed[1] : trimmed).trim();
  if (id === '' || SPACE_CONTROL_OR_BRACKET.test(id) || Buffer.byteLength(id) + 2 > MAX_MESSAGE_ID_LENGTH) return null;
  return `<${id}>`;
}

/** Every usable id of In-Reply-To or References values, in order, duplicates kept. */
export function messageIdList(values: readonly string[]): string[] {
  const ids: string[] = [];
  for (const value of values) {
    const tokens = value.includes('<') ? (value.match(/<[^<>]*>/g) ?? []) : value.split(/[\s,]+/);
    for (const token of tokens) {
      const id = normalizeMessageId(token);
      if (id) ids.push(id);
    }
  }
  return ids;
}

/**
 * In-Reply-To's ids as given, then References' ids in header order (oldest first) without those
 * already named: deduplicated, at most 50 in all. In-Reply-To comes first; References gives up
 * its oldest ids, since the newest are the ones a reply's thread is found by.
 */
export function threadIds(
  inReplyTo: readonly string[],
  references: readonly string[],
): { inReplyTo: string[]; references: string[] } {
  const replied = [...new Set(messageIdList(inReplyTo))].slice(0, MAX_THREAD_IDS);
  const named = new Set(replied);
  const earlier = [...new Set(messageIdList(references))].filter((id) => !named.has(id));
  const room = MAX_THREAD_IDS - replied.length;
  return { inReplyTo: replied, references: room > 0 ? earlier.slice(-room) : [] };
}

/** A parsed mailbox as a MailAddress, or null when its address is not a usable one. */
export function mailAddress(entry: { address?: string; name?: string }): MailAddress | null {
  const address = (entry.address ?? '').trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1 || address.length > MAX_ADDRESS_LENGTH) return null;
  if (SPACE_CONTROL_OR_BRACKET.test(address) || NOT_IN_A_DOMAIN.test(address.slice(at + 1))) return null;
  return { address, name: cleanText(entry.name ?? '') };
}

/**
 * The mailboxes of address header values, groups flattened, display names decoded. Domains stay
 * in their ASCII (punycode) form, the one the SMTP envelope and replies use. A very long value
 * is read up to its last comma within 64 KiB.
 */
export function mailboxes(values: readonly string[]): Array<{ address?: string; name: string }> {
  const bounded = values.map((value) => {
    if (value.length <= MAX_ADDRESS_HEADER_CHARS) return value;
    const head = value.slice(0, MAX_ADDRESS_HEADER_CHARS);
    return head.slice(0, Math.max(0, head.lastIndexOf(',')));
  });
  return parseAddressHeader(bounded, { flatten: true, decodePunycode: false }).value;
}

/** The first From mailbox, null when there is none or its address is unusable. */
export function fromAddress(fields: HeaderFields): MailAddress | null {
  const value = firstValue(fields, 'from');
  if (value === undefined) return null;
  const [first] = mailboxes([value]);
  return first ? mailAddress(first) : null;
}

/** The first Return-Path: '' for the null path `<>`, the address lower-cased, undefined when absent or unusable. */
export function returnPath(fields: HeaderFields): string | undefined {
  const value = firstValue(fields, 'return-path');
  if (value === undefined) return undefined;
  if (/^(<\s*>)?$/.test(value.trim())) return '';
  const [first] = mailboxes([value]);
  const address = first ? mailAddress(first) : null;
  return address?.address;
}

const RECIPIENT_FIELDS = ['to', 'cc', 'delivered-to', 'x-original-to'];

/** The addresses of To, Cc, Delivered-To and X-Original-To: lower-cased, deduplicated, at most 100. */
export function recipients(fields: HeaderFields): string[] {
  const found = new Set<string>();
  for (const name of RECIPIENT_FIELDS) {
    for (const entry of mailboxes(fields.get(name) ?? [])) {
      const address = mailAddress(entry)?.address;
      if (address) found.add(address);
      if (found.size >= MAX_RECIPIENTS) return [...found];
    }
  }
  return [...found];
}
