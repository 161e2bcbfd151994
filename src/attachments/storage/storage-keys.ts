// Guards shared by the storage drivers: only well-formed names ever reach a path or an S3 key.
import { randomUUID } from 'node:crypto';
import { ByteRange, isObjectKey } from './object-storage';

/** A temporary's id is a lowercase random UUID (what `randomUUID()` returns). */
export const isTempId = (value: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);

export const newTempId = (): string => randomUUID();

// Names come from callers (a row, a request): a bad one is a bug, never something to escape or
// normalise, so it is refused before any path or key is built from it. The value is not echoed:
// it may be anything an attacker sent.
export function assertObjectKey(key: string): void {
  if (typeof key !== 'string' || !isObjectKey(key)) throw new Error('Not an object key (64 lowercase hex digits)');
}

export function assertTempId(tempId: string): void {
  if (typeof tempId !== 'string' || !isTempId(tempId)) throw new Error('Not a temporary object id (a lowercase UUID)');
}

export function assertByteRange(range: ByteRange): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`Not a byte range: ${String(start)}-${String(end)}`);
  }
}
