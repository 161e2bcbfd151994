import { randomUUID } from 'node:crypto';
import { assertByteRange, assertObjectKey, assertTempId, isTempId, newTempId } from './storage-keys';

const KEY = 'a'.repeat(64);

describe('storage keys', () => {
  it('accepts what the drivers generate', () => {
    expect(isTempId(newTempId())).toBe(true);
    expect(isTempId(randomUUID())).toBe(true);
    expect(() => assertObjectKey(KEY)).not.toThrow();
    expect(() => assertTempId(newTempId())).not.toThrow();
  });

  it.each([
    '../../etc/passwd',
    `../${'a'.repeat(61)}`,
    'A'.repeat(64),
    'a'.repeat(63),
    'a'.repeat(65),
    `${'a'.repeat(63)}/`,
    `${'a'.repeat(64)}\n`,
    '',
  ])('refuses the object key %j', (key) => {
    expect(() => assertObjectKey(key)).toThrow('Not an object key');
  });

  it.each(['../../etc/passwd', randomUUID().toUpperCase(), `${randomUUID()}/..`, `/${randomUUID()}`, '', KEY])(
    'refuses the temporary id %j',
    (id) => {
      expect(() => assertTempId(id)).toThrow('Not a temporary object id');
    },
  );

  it('refuses values of other types that reach it untyped', () => {
    expect(() => assertObjectKey(undefined as unknown as string)).toThrow();
    expect(() => assertTempId(null as unknown as string)).toThrow();
  });

  it.each([
    { start: 0, end: 0 },
    { start: 5, end: 9 },
  ])('accepts the range %j', (range) => {
    expect(() => assertByteRange(range)).not.toThrow();
  });

  it.each([
    { start: -1, end: 0 },
    { start: 2, end: 1 },
    { start: 0.5, end: 1 },
    { start: 0, end: Number.NaN },
    { start: 0, end: Number.POSITIVE_INFINITY },
  ])('refuses the range %j', (range) => {
    expect(() => assertByteRange(range)).toThrow(RangeError);
  });
});
