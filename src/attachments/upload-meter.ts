// What an upload learns while its bytes pass through on their way to storage: the SHA-256, the
// size, and the first bytes (for the type signature). The size limit is enforced here, as the
// bytes arrive: the part over it is never passed on.
import { createHash, Hash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';

/** file-type reads at most this many leading bytes. */
export const SIGNATURE_SAMPLE_BYTES = 4100;

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`A file is larger than ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

export class UploadMeter extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private readonly sample: Buffer[] = [];
  private sampled = 0;
  size = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(new FileTooLargeError(this.maxBytes));
    this.hash.update(chunk);
    if (this.sampled < SIGNATURE_SAMPLE_BYTES) {
      const part = chunk.subarray(0, SIGNATURE_SAMPLE_BYTES - this.sampled);
      this.sample.push(part);
      this.sampled += part.length;
    }
    done(null, chunk);
  }

  /** The hex digest; call once, after the stream ended. */
  digest(): string {
    return this.hash.digest('hex');
  }

  /** The leading bytes seen (up to SIGNATURE_SAMPLE_BYTES). */
  head(): Buffer {
    return Buffer.concat(this.sample);
  }
}
