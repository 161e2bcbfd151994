import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether `authorization` is `Bearer <token>`. Constant time: both sides are hashed first, so
 * neither the comparison nor the length check says how much of a guess was right.
 */
export function scrapeAllowed(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const given = createHash('sha256')
    .update(match?.[1] ?? '')
    .digest();
  const expected = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, expected) && match !== null;
}
