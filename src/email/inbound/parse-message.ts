// Parses a spooled RFC 5322 message into a ParsedMessage (inbound-message.ts): mailparser reads the
// file as a stream, attachments go straight into storage temporaries as they are decoded, and the
// header fields are read and normalised here (message-headers.ts). Input is anyone's: whatever the
// bytes, this resolves, or rejects with UnprocessableMessageError when they are no message at all
// or break the parser's bounds; a storage or spool failure is passed on as it is (worth a retry).
import { AttachmentStream, HeaderLines, MailParser, MailParserOptions, MessageText } from 'mailparser';
import type { Readable } from 'node:stream';
import type { StagedFile } from '../../attachments/attachment-intake';
import { AttachmentParts, PartReadError } from './attachment-parts';
import { bodyText } from './body-text';
import { BodyCharsetDecoder } from './charset-fallback';
import { ParsedMessage, UnprocessableMessageError } from './inbound-message';
import { loopReason } from './loop-rules';
import type { SpooledMessage } from './mail-spool';
import {
  firstValue,
  fromAddress,
  headerFields,
  headerText,
  normalizeMessageId,
  recipients,
  returnPath,
  threadIds,
} from './message-headers';

export interface ParseOptions {
  /** The largest attachment stored (ATTACHMENT_MAX_BYTES); larger parts are dropped and named. */
  maxAttachmentBytes: number;
  /** SUPPORT_ADDRESS's domain: Message-IDs the desk made end in it (`isOwnMessageId`). */
  supportDomain: string;
  /** Stores one attachment's bytes as a temporary (AttachmentIntake.stage in the app). */
  stage(body: Readable, filename: string, maxBytes: number): Promise<StagedFile>;
  /** Removes staged temporaries (AttachmentIntake.discard); called for what was staged when parsing fails. */
  discard(files: StagedFile[]): Promise<void>;
}

const PARSER_OPTIONS: MailParserOptions = {
  // HTML is turned into text in body-text.ts, for every HTML body and with bounds.
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  // stage() hashes what it stores.
  checksumAlgo: false,
  // A header section of 20,000 Received lines (about 1.5 MB) still parses; more is refused.
  maxHeadSize: 2 * 1024 * 1024,
  maxChildNodes: 1000,
  Iconv: BodyCharsetDecoder,
};

/** What reading the message through mailparser gave. */
interface ReadMessage {
  headerLines: HeaderLines;
  body: MessageText | undefined;
  attachments: AttachmentParts;
}

export async function parseMessage(spool: SpooledMessage, options: ParseOptions): Promise<ParsedMessage> {
  if (spool.size === 0) throw new UnprocessableMessageError('The message is empty', 'body');
  const read = await readMessage(spool, options);
  const headers = headerFields(read.headerLines);
  if (headers.size === 0) {
    await discardQuietly(options, read.attachments.staged);
    throw new UnprocessableMessageError('The message has no header section', 'body');
  }
  const messageId = normalizeMessageId(firstValue(headers, 'message-id') ?? '') ?? `<${spool.sha256}@inbound.invalid>`;
  const from = fromAddress(headers);
  return {
    messageId,
    ...threadIds(headers.get('in-reply-to') ?? [], headers.get('references') ?? []),
    from,
    returnPath: returnPath(headers),
    recipients: recipients(headers),
    subject: headerText(firstValue(headers, 'subject') ?? ''),
    text: bodyText(read.body?.text, read.body?.html),
    loopReason: loopReason({ headers, from, messageId }, options.supportDomain),
    attachments: read.attachments.staged,
    dropped: read.attachments.dropped,
  };
}

/**
 * Streams the spooled bytes through mailparser, staging attachments as they come. On failure the
 * staged files are discarded; the parser's own errors (and a part that could not be read) become
 * UnprocessableMessageError, anything else (the spool's file, `stage`) is rethrown as it is.
 */
async function readMessage(spool: SpooledMessage, options: ParseOptions): Promise<ReadMessage> {
  const parser = new MailParser({ ...PARSER_OPTIONS });
  const attachments = new AttachmentParts(options);
  const source = spool.open();
  let sourceError: unknown;
  let parserError: unknown;
  source.on('error', (error) => {
    sourceError = error;
    parser.destroy(error);
  });
  parser.on('error', (error: Error) => {
    parserError ??= error;
    attachments.abort(error);
  });
  source.pipe(parser);
  try {
    let body: MessageText | undefined;
    for await (const item of parser as AsyncIterable<AttachmentStream | MessageText>) {
      if (item.type === 'attachment') await attachments.take(item);
      else body = item;
    }
    return { headerLines: parser.headerLines || [], body, attachments };
  } catch (error) {
    await discardQuietly(options, attachments.staged);
    if (error === sourceError || (error instanceof PartReadError && error.cause === sourceError)) throw sourceError;
    if (error === parserError || error instanceof PartReadError) {
      throw new UnprocessableMessageError(`The message cannot be parsed: ${messageOf(error)}`, 'body');
    }
    throw error;
  } finally {
    source.destroy();
  }
}

/** Removes staged files after a failure; the failure is what the caller hears about, not this. */
async function discardQuietly(options: ParseOptions, staged: StagedFile[]): Promise<void> {
  if (!staged.length) return;
  await options.discard(staged).catch(() => undefined);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
