// STUB — to be written: parses a spooled RFC 5322 message into a ParsedMessage (see inbound-message.ts).
import type { Readable } from 'node:stream';
import type { StagedFile } from '../../attachments/attachment-intake';
import type { ParsedMessage } from './inbound-message';
import type { SpooledMessage } from './mail-spool';

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

export async function parseMessage(spool: SpooledMessage, options: ParseOptions): Promise<ParsedMessage> {
  throw new Error(`not implemented: ${spool.path} ${options.supportDomain}`);
}
