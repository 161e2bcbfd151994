// A received message, written to a private temporary file as it arrives (hashed and measured on
// the way, refused past the size limit): the parser then reads it at its own pace, and nothing
// holds a whole message in memory.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MessageTooLargeError } from './inbound-message';

export interface SpooledMessage {
  path: string;
  size: number;
  /** SHA-256 of the raw bytes, hex. */
  sha256: string;
  /** HMAC-SHA256 of the raw bytes with the key given to `spoolMessage`, hex; undefined without a key. */
  hmac?: string;
  /** A new stream of the raw bytes. */
  open(): Readable;
  /** Removes the file; never throws. */
  remove(): Promise<void>;
}

/** This process's spool directory: made by it (mkdtemp, mode 0700), so no other user can swap a file in it. */
let spoolDir: Promise<string> | undefined;
const ownSpoolDir = () => (spoolDir ??= mkdtemp(join(tmpdir(), 'helpdesk-inbound-')));

/** Nothing arrived for `idleMs` (a stalled or lying sender): the HTTP route answers 408. */
export class SpoolStalledError extends Error {
  constructor(readonly idleMs: number) {
    super(`Nothing arrived for ${idleMs} ms`);
    this.name = 'SpoolStalledError';
  }
}

class SpoolMeter extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  lastChunkAt = Date.now();

  constructor(
    private readonly maxBytes: number,
    readonly mac?: ReturnType<typeof createHmac>,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    this.lastChunkAt = Date.now();
    if (this.size > this.maxBytes) return done(new MessageTooLargeError(this.maxBytes));
    this.hash.update(chunk);
    this.mac?.update(chunk);
    done(null, chunk);
  }
}

/**
 * Streams `body` into a new temporary file. Rejects with MessageTooLargeError past `maxBytes`, or
 * with `body`'s own error; the file is removed then. `body` itself is never destroyed: on a
 * refusal it is only unpiped, so that the transport can read the rest of it and still answer
 * (an SMTP session its 552, an HTTP client its 413).
 */
export async function spoolMessage(
  body: Readable,
  maxBytes: number,
  options: { hmacKey?: string; idleMs?: number } = {},
): Promise<SpooledMessage> {
  const { hmacKey, idleMs } = options;
  const path = join(await ownSpoolDir(), `${randomUUID()}.eml`);
  const remove = () => rm(path, { force: true }).catch(() => undefined);
  const meter = new SpoolMeter(maxBytes, hmacKey === undefined ? undefined : createHmac('sha256', hmacKey));
  const tap = new PassThrough();
  const forwardError = (error: Error) => tap.destroy(error);
  body.on('error', forwardError);
  body.pipe(tap);
  // A sender that stops sending is given up on (an SMTP session has the listener's own timeout).
  const watchdog =
    idleMs === undefined
      ? undefined
      : setInterval(
          () => {
            if (Date.now() - meter.lastChunkAt > idleMs) tap.destroy(new SpoolStalledError(idleMs));
          },
          Math.min(1_000, idleMs),
        );
  try {
    await pipeline(tap, meter, createWriteStream(path, { mode: 0o600 }));
  } catch (error) {
    body.unpipe(tap);
    await remove();
    throw error;
  } finally {
    clearInterval(watchdog);
    body.off('error', forwardError);
  }
  return {
    path,
    size: meter.size,
    sha256: meter.hash.digest('hex'),
    hmac: meter.mac?.digest('hex'),
    open: () => createReadStream(path),
    remove,
  };
}
