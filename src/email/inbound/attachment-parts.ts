// The attachments of a message being parsed (inline images included), streamed one at a time from
// mailparser into storage temporaries through `stage`, never held whole. A part over the size
// limit, or past the 50th, is read to its end without being kept and named in `dropped`, so the
// parser can go on with the rest of the message.
import type { AttachmentStream } from 'mailparser';
import { PassThrough, Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import libmime from 'libmime';
import type { StagedFile } from '../../attachments/attachment-intake';
import { cleanFilename } from '../../attachments/filename';
import { FileTooLargeError } from '../../attachments/upload-meter';
import type { DroppedPart } from './inbound-message';
import type { ParseOptions } from './parse-message';

/** The most attachments stored from one message; later ones are dropped and named. */
export const MAX_ATTACHMENTS = 50;

/** A part's content stream failed while it was read: the message is broken, not the storage. */
export class PartReadError extends Error {
  constructor(cause: unknown) {
    super(`An attachment could not be read: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'PartReadError';
  }
}

export class AttachmentParts {
  readonly staged: StagedFile[] = [];
  readonly dropped: DroppedPart[] = [];
  private seen = 0;
  private current: Readable | null = null;

  constructor(private readonly options: Pick<ParseOptions, 'stage' | 'maxAttachmentBytes'>) {}

  /** Stores (or drops) one attachment, then releases it so that the parser goes on. */
  async take(attachment: AttachmentStream): Promise<void> {
    const filename = attachmentFilename(attachment, ++this.seen);
    const content = attachment.content;
    this.current = content;
    try {
      const counted = countBytes(content);
      if (this.staged.length >= MAX_ATTACHMENTS) {
        await readToEnd(content);
        this.dropped.push({ filename, size: counted.size });
      } else if (!(await this.stage(content, filename))) {
        this.dropped.push({ filename, size: Math.max(counted.size, this.options.maxAttachmentBytes + 1) });
      }
    } finally {
      this.current = null;
      attachment.release?.();
    }
  }

  /** Ends the part being read with `error` (the parser failed), so that nothing waits for it forever. */
  abort(error: Error): void {
    this.current?.destroy(error);
  }

  /**
   * Streams `content` into `stage`; false when it was over the limit. Either way the part is read
   * to its end. `stage` gets a stream of its own, so that the rest of an oversized part can be
   * read on after `stage` gave up on it.
   */
  private async stage(content: Readable, filename: string): Promise<boolean> {
    const tap = new PassThrough();
    // A read error reaches `stage` through the destroyed tap; this listener only keeps it from
    // being an uncaught 'error' event when `stage` has not subscribed yet.
    tap.on('error', () => undefined);
    let readError: unknown;
    content.on('error', (error) => {
      readError = error;
      tap.destroy(error);
    });
    content.pipe(tap);
    let stored = true;
    try {
      this.staged.push(await this.options.stage(tap, filename, this.options.maxAttachmentBytes));
    } catch (error) {
      if (readError !== undefined) throw new PartReadError(readError);
      if (!(error instanceof FileTooLargeError)) throw error;
      stored = false;
    }
    content.unpipe(tap);
    tap.destroy();
    await readToEnd(content);
    return stored;
  }
}

/** Counts the bytes `content` gives from now on (a listener that only looks: `content` must be read elsewhere). */
function countBytes(content: Readable): { size: number } {
  const counted = { size: 0 };
  content.on('data', (chunk: Buffer) => (counted.size += chunk.length));
  return counted;
}

/** Reads what is left of `content`, discarding it. A read error rejects with PartReadError. */
async function readToEnd(content: Readable): Promise<void> {
  content.resume();
  try {
    await finished(content, { writable: false });
  } catch (error) {
    throw new PartReadError(error);
  }
}

/** The part's own name, cleaned; else `attachment-<n>.<extension of its content type>`. */
export function attachmentFilename(attachment: Pick<AttachmentStream, 'filename' | 'contentType'>, n: number): string {
  const named = attachment.filename ? cleanFilename(attachment.filename) : null;
  return named ?? `attachment-${n}.${libmime.detectExtension(attachment.contentType || 'application/octet-stream')}`;
}
