// Where attachment bytes live. Objects are content-addressed (their key is the SHA-256 of their
// bytes, so identical bytes are stored once); an upload first streams into a private temporary
// object, which becomes the content-addressed one only once its digest is known and the upload
// is accepted (`promote`). Drivers: local disk (local-storage.ts) and S3 (s3-storage.ts).
import type { Readable } from 'node:stream';

/** The digest that names an object: 64 lowercase hex characters. */
export type ObjectKey = string;

/** A byte range, both ends inclusive (as in `Range: bytes=start-end`). */
export interface ByteRange {
  start: number;
  end: number;
}

/** What the orphan sweep sees of stored data. */
export interface StoredEntry {
  /** `object`: a content-addressed object (`key` is its digest); `temp`: an upload's temporary. */
  kind: 'object' | 'temp';
  key: string;
  lastModified: Date;
}

export interface ObjectStorage {
  /**
   * Streams `body` into a new temporary object and resolves with its id once the bytes are durable
   * (fsynced; for S3, the upload completed). When `body` errors (a limit, a client gone), whatever
   * was written is removed before the promise rejects with that error: nothing is left behind.
   */
  putTemp(body: Readable): Promise<string>;

  /**
   * Makes temporary `tempId` the object `key` (replacing an existing object of that key, which
   * holds the same bytes, so its age restarts) and removes the temporary.
   */
  promote(tempId: string, key: ObjectKey): Promise<void>;

  /** Removes a temporary object; a missing one is not an error. */
  discardTemp(tempId: string): Promise<void>;

  /** The object's bytes (or `range` of them), streamed. Rejects with ObjectNotFoundError when absent. */
  read(key: ObjectKey, range?: ByteRange): Promise<Readable>;

  /** Whether object `key` exists, and when it was last written. */
  stat(key: ObjectKey): Promise<{ size: number; lastModified: Date } | null>;

  /** Removes object `key`; a missing one is not an error. */
  remove(key: ObjectKey): Promise<void>;

  /** Every object and temporary last written before `before`, in no particular order. */
  listOlderThan(before: Date): AsyncIterable<StoredEntry>;
}

/** Nest injection token of the configured ObjectStorage. */
export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

export class ObjectNotFoundError extends Error {
  constructor(key: string) {
    super(`No stored object ${key}`);
    this.name = 'ObjectNotFoundError';
  }
}

export const isObjectKey = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);
