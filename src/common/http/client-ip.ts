// The client's address of a request Fastify did not parse (a WebSocket upgrade), with the same
// trust in X-Forwarded-For as Fastify's `trustProxy` (TRUST_PROXY_HOPS): the address `hops`
// proxies away from the socket, or the farthest one known.
import type { IncomingMessage } from 'node:http';

export function clientIp(request: Pick<IncomingMessage, 'headers' | 'socket'>, trustedHops: number): string {
  const forwarded = request.headers['x-forwarded-for'];
  const chain = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean)
    .reverse();
  const addresses = [request.socket.remoteAddress ?? '', ...chain];
  return addresses[Math.min(trustedHops, addresses.length - 1)];
}
