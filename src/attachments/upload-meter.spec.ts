import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileTooLargeError, SIGNATURE_SAMPLE_BYTES, UploadMeter } from './upload-meter';

const sink = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

describe('UploadMeter', () => {
  it('measures size, digest and the leading sample across chunks', async () => {
    const chunks = [Buffer.alloc(3000, 1), Buffer.alloc(3000, 2)];
    const meter = new UploadMeter(10_000);
    await pipeline(Readable.from(chunks), meter, sink());
    expect(meter.size).toBe(6000);
    expect(meter.digest()).toBe(createHash('sha256').update(Buffer.concat(chunks)).digest('hex'));
    expect(meter.head()).toEqual(Buffer.concat(chunks).subarray(0, SIGNATURE_SAMPLE_BYTES));
  });

  it('fails with FileTooLargeError once the limit is passed, before passing the excess on', async () => {
    const meter = new UploadMeter(4);
    let passed = 0;
    const counting = new Writable({
      write(chunk: Buffer, _encoding, done) {
        passed += chunk.length;
        done();
      },
    });
    await expect(pipeline(Readable.from([Buffer.alloc(4), Buffer.alloc(1)]), meter, counting)).rejects.toBeInstanceOf(
      FileTooLargeError,
    );
    expect(passed).toBe(4);
  });
});
