import type { IncomingMessage } from 'node:http';
import { clientIp } from './client-ip';

const request = (remote: string, forwarded?: string) =>
  ({
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
    socket: { remoteAddress: remote },
  }) as Pick<IncomingMessage, 'headers' | 'socket'>;

describe('clientIp', () => {
  it('believes no X-Forwarded-For without trusted hops (nobody picks their own bucket)', () => {
    expect(clientIp(request('10.0.0.1', '203.0.113.9'), 0)).toBe('10.0.0.1');
  });

  it('takes the address one trusted proxy saw, not what the client prepended', () => {
    expect(clientIp(request('10.0.0.1', 'forged, 203.0.113.9'), 1)).toBe('203.0.113.9');
  });

  it('stops at the farthest address known when fewer proxies answered than trusted', () => {
    expect(clientIp(request('10.0.0.1', '203.0.113.9'), 5)).toBe('203.0.113.9');
    expect(clientIp(request('10.0.0.1'), 2)).toBe('10.0.0.1');
  });
});
