// Where a request carries its access token. Shared by the JWT strategy, the rate limiter (which
// keys on the token's user), the realtime gateway and the queue board, none of which owns it.
import type { IncomingMessage } from 'node:http';

const AUTHORIZATION = /^(?:Bearer|JWT)\s+([A-Za-z0-9._~+/=-]+)\s*$/i;

/** `Authorization: Bearer <token>`, or `JWT <token>` as older clients send it. */
export function extractAccessToken(request: Pick<IncomingMessage, 'headers'>): string | null {
  const header = request.headers.authorization;
  return typeof header === 'string' ? (AUTHORIZATION.exec(header)?.[1] ?? null) : null;
}
