// Access tokens made by hand: signed as the API signs them (HS256 with the test apps' JWT_SECRET),
// or forged (another secret, another header, no signature) to see them refused.
import { createHmac } from 'node:crypto';
import { TEST_JWT_SECRET } from './test-env';

/** A JSON value as one base64url segment of a token, for tokens assembled piece by piece. */
export function tokenSegment(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export interface SignTestTokenOptions {
  /** The test apps' secret unless given: another one makes a forgery. */
  secret?: string;
  /** Written as given; an `alg` of HS384 or HS512 signs with that hash, anything else with SHA-256. */
  header?: { alg?: string; [field: string]: unknown };
}

const HASHES: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/** `claims` signed with an HMAC; nothing is added (no `iat`, no `exp` unless in `claims`). */
export function signTestToken(
  claims: object,
  { secret = TEST_JWT_SECRET, header = { alg: 'HS256', typ: 'JWT' } }: SignTestTokenOptions = {},
): string {
  const unsigned = `${tokenSegment(header)}.${tokenSegment(claims)}`;
  const hash = HASHES[header.alg ?? ''] ?? 'sha256';
  return `${unsigned}.${createHmac(hash, secret).update(unsigned).digest('base64url')}`;
}

/** `claims` with no signature at all, under an `alg: none` header. */
export function unsignedTestToken(claims: object, header: object = { alg: 'none', typ: 'JWT' }): string {
  return `${tokenSegment(header)}.${tokenSegment(claims)}.`;
}

/** The login session (`sid`) an access token issued by the API belongs to, to sign tokens of that session. */
export function sessionIdOf(accessToken: string): string {
  return (JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as { sid: string }).sid;
}
