import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import type { StorageConfig } from '../../config';
import { ByteRange, isObjectKey, ObjectKey, ObjectNotFoundError, ObjectStorage, StoredEntry } from './object-storage';
import { assertByteRange, assertObjectKey, assertTempId, isTempId, newTempId } from './storage-keys';

export type S3StorageSettings = StorageConfig['s3'];

const OBJECTS_PREFIX = 'objects/';
const TEMP_PREFIX = 'tmp/';

// Multipart upload in parts of S3's minimum size, two in flight: one upload holds about 10 MiB
// however large the file, and the next part is read while the previous one is sent.
const PART_SIZE = 5 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

// An S3 that stops answering fails the request in seconds (the SDK retries it, up to
// MAX_ATTEMPTS in all) instead of holding the upload or download open indefinitely.
const CONNECTION_TIMEOUT_MS = 5_000;
/** Until the response headers: a 5 MiB part on a slow link, or a 25 MiB CopyObject, fits. */
const REQUEST_TIMEOUT_MS = 60_000;
/**
 * Socket silence, also while a download streams: a reader (or S3) that stalls this long loses the
 * stream, rather than holding a connection of the pool forever.
 */
const SOCKET_TIMEOUT_MS = 60_000;
const MAX_ATTEMPTS = 3;

/**
 * Attachment bytes in one S3 bucket (AWS or any S3-compatible server): objects at
 * `objects/<sha256>`, upload temporaries at `tmp/<uuid>`. Uploads are streamed as multipart
 * uploads of bounded memory; promoting a temporary is a server-side copy. Call `close()` once
 * done (StorageModule does, at shutdown).
 */
export class S3ObjectStorage implements ObjectStorage {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(settings: S3StorageSettings) {
    this.bucket = settings.bucket;
    const { accessKeyId, secretAccessKey } = settings;
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      // Without both keys the SDK's default chain applies (instance role, web identity, profile).
      credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
      maxAttempts: MAX_ATTEMPTS,
      // The SDK's default asks for CRC32 checksums (an algorithm on CreateMultipartUpload, a
      // checksum header per part), which not every S3-compatible server accepts. Integrity does not
      // depend on them: every part is a Buffer whose SHA-256 the request signature covers
      // (x-amz-content-sha256), and the caller checks the attachment's own digest.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: {
        connectionTimeout: CONNECTION_TIMEOUT_MS,
        requestTimeout: REQUEST_TIMEOUT_MS,
        throwOnRequestTimeout: true,
        socketTimeout: SOCKET_TIMEOUT_MS,
      },
    });
  }

  async putTemp(body: Readable): Promise<string> {
    const tempId = newTempId();
    const Key = tempKey(tempId);
    // Recorded as it happens: lib-storage may surface a later error of its own instead (its
    // AbortMultipartUpload failing, say), and callers recognise the source's error by identity.
    let sourceError: unknown;
    const onSourceError = (error: unknown) => {
      sourceError ??= error;
    };
    body.on('error', onSourceError);
    try {
      const upload = new Upload({
        client: this.client,
        params: { Bucket: this.bucket, Key, Body: body },
        partSize: PART_SIZE,
        queueSize: PARTS_IN_FLIGHT,
        leavePartsOnError: false,
      });
      // Not upload.abort() when the source fails: that settles done() at once and leaves the parts
      // in flight and the AbortMultipartUpload to run afterwards. A failed source ends the part
      // feed by itself, and done() then rejects only after the multipart upload is aborted.
      await upload.done();
      return tempId;
    } catch (error) {
      // As stream.pipeline() would: a storage failure must not leave the source paused half-read.
      body.destroy();
      // Nothing should exist under the key (a multipart upload is invisible until completed), but
      // a PutObject whose response was lost may have stored it.
      await this.deleteQuietly(Key);
      throw sourceError ?? error;
    } finally {
      body.off('error', onSourceError);
    }
  }

  async promote(tempId: string, key: ObjectKey): Promise<void> {
    const from = tempKey(tempId);
    const to = objectKey(key);
    // A copy, not a rename (S3 has none): it replaces an existing object of that key, which holds
    // the same bytes, and gives it a new LastModified.
    await this.client.send(
      new CopyObjectCommand({ Bucket: this.bucket, Key: to, CopySource: `${this.bucket}/${from}` }),
    );
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: from }));
  }

  async discardTemp(tempId: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: tempKey(tempId) }));
  }

  async read(key: ObjectKey, range?: ByteRange): Promise<Readable> {
    const Key = objectKey(key);
    if (range) assertByteRange(range);
    let output;
    try {
      output = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key,
          Range: range && `bytes=${range.start}-${range.end}`,
        }),
      );
    } catch (error) {
      if (isMissingObject(error)) throw new ObjectNotFoundError(key);
      throw error;
    }
    // In Node the body is the http.IncomingMessage itself (a Readable, with the SDK's helpers mixed in).
    const { Body } = output;
    if (!(Body instanceof Readable)) throw new Error('S3 GetObject returned no Node stream');
    return Body;
  }

  async stat(key: ObjectKey): Promise<{ size: number; lastModified: Date } | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: objectKey(key) }));
      return { size: head.ContentLength ?? 0, lastModified: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (isMissingObject(error)) return null;
      throw error;
    }
  }

  async remove(key: ObjectKey): Promise<void> {
    // S3 answers 204 for a key that does not exist, so a missing object needs no special case.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: objectKey(key) }));
  }

  async *listOlderThan(before: Date): AsyncIterable<StoredEntry> {
    const cutoff = before.getTime();
    const prefixes = [
      { prefix: OBJECTS_PREFIX, kind: 'object', isName: isObjectKey },
      { prefix: TEMP_PREFIX, kind: 'temp', isName: isTempId },
    ] as const;
    for (const { prefix, kind, isName } of prefixes) {
      let ContinuationToken: string | undefined;
      do {
        // Continuation tokens name a position in key order, so deleting while iterating skips nothing.
        const page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken }),
        );
        for (const item of page.Contents ?? []) {
          const name = item.Key?.slice(prefix.length) ?? '';
          const lastModified = item.LastModified;
          if (!isName(name) || !lastModified) continue;
          if (lastModified.getTime() < cutoff) yield { kind, key: name, lastModified };
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    }
  }

  /** Closes the client's pooled connections; the storage is unusable afterwards. */
  close(): void {
    this.client.destroy();
  }

  private async deleteQuietly(Key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key }));
    } catch {
      // Best effort: a temporary left behind is removed by the orphan sweep.
    }
  }
}

function objectKey(key: ObjectKey): string {
  assertObjectKey(key);
  return `${OBJECTS_PREFIX}${key}`;
}

function tempKey(tempId: string): string {
  assertTempId(tempId);
  return `${TEMP_PREFIX}${tempId}`;
}

/**
 * GetObject says NoSuchKey, HeadObject (no body) a bare 404. NoSuchBucket is also a 404, but a
 * misconfiguration, which must fail loudly rather than look like a deleted attachment.
 */
function isMissingObject(error: unknown): boolean {
  if (!(error instanceof S3ServiceException) || error.name === 'NoSuchBucket') return false;
  return error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata?.httpStatusCode === 404;
}
