// What the email channel's processing path works on, whichever way a message came in (the SMTP
// listener or POST /inbound/email): the parsed message, with its attachments already streamed into
// storage temporaries, and the envelope the transport saw.
import type { StagedFile } from '../../attachments/attachment-intake';

/** How a message reached the desk, and what its transport knew beside the message itself. */
export interface InboundEnvelope {
  via: 'smtp' | 'http';
  /** SMTP `MAIL FROM` (the return path): '' for the null sender `<>`; undefined over HTTP. */
  mailFrom?: string;
  /** SMTP `RCPT TO` addresses, lower-cased; empty over HTTP (the headers tell then). */
  recipients: string[];
  /** For log lines: the SMTP session id, or the HTTP request id. */
  traceId?: string;
}

export interface MailAddress {
  /** Lower-cased. */
  address: string;
  /** The display name ('' when none), decoded. */
  name: string;
}

/** A part that was not stored because it was over the size limit (named in an internal note). */
export interface DroppedPart {
  filename: string;
  /** Bytes seen before the limit was hit (at least the limit + 1). */
  size: number;
}

/** Why a message is ignored before any thread lookup (API: loop and abuse protection). */
export type LoopReason = 'auto_submitted' | 'bounce' | 'bulk' | 'own_message';

export interface ParsedMessage {
  /**
   * The Message-ID with angle brackets, at most 998 characters. A message without one gets
   * `<sha256-of-the-raw-bytes@inbound.invalid>`, so the same bytes are still recognised twice.
   */
  messageId: string;
  /** In-Reply-To, then References (newest last), each `<…>`, deduplicated, at most 50. */
  inReplyTo: string[];
  references: string[];
  /** null when the message has no usable From (refused by the caller). */
  from: MailAddress | null;
  /** The header `Return-Path` ('' for `<>`), undefined when absent. */
  returnPath?: string;
  /** Every address of To, Cc, Delivered-To and X-Original-To, lower-cased. */
  recipients: string[];
  /** Decoded, whitespace collapsed, without control characters; '' when none. */
  subject: string;
  /** The new text of the message: plain part (or HTML turned into text), quoted history and signature removed. */
  text: string;
  /** Set when a header marks the message as one never to answer. */
  loopReason: LoopReason | null;
  /** Attachments and inline images, staged in order of appearance. */
  attachments: StagedFile[];
  /** Parts over the attachment limit, not stored. */
  dropped: DroppedPart[];
}

/** A message that cannot be processed at all (no From, not a message): refused, never retried. */
export class UnprocessableMessageError extends Error {
  constructor(
    message: string,
    /** The field the contract's error names (`from`, `body`). */
    readonly field: string,
  ) {
    super(message);
    this.name = 'UnprocessableMessageError';
  }
}

/** The raw message is over INBOUND_MAX_BYTES (SMTP 552, HTTP 413). */
export class MessageTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The message is larger than ${maxBytes} bytes`);
    this.name = 'MessageTooLargeError';
  }
}

/** What processing did with a message: the body of a 202 from POST /inbound/email. */
export interface IngestResult {
  status: 'created' | 'appended' | 'duplicate' | 'ignored';
  ticket_id: number | null;
  comment_id: number | null;
}
