// WebSocket limits: at most WS_MAX_SOCKETS_PER_USER sockets per user (the oldest closes with 4409),
// and frames a client sends before (or instead of) authenticating cost no error log line.
import { randomBytes } from 'node:crypto';
import { connect as tcpConnect, Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import { NotificationsGateway } from '../../src/notifications/notifications.gateway';
import { makeUser } from '../factories/users';
import { waitFor } from '../support/assertions';
import { NotificationsClient } from '../support/notifications-client';
import { startTestApp, TestApp } from '../support/test-app';

/** A masked client frame with any opcode and a length field that may lie about the payload. */
function frame(opcode: number, payload: Buffer, { claimedLength = payload.length, mask = true } = {}): Buffer {
  const header: number[] = [0x80 | opcode];
  const maskBit = mask ? 0x80 : 0;
  if (claimedLength < 126) header.push(maskBit | claimedLength);
  else if (claimedLength < 65_536) header.push(maskBit | 126, claimedLength >> 8, claimedLength & 0xff);
  else {
    const length = Buffer.alloc(8);
    length.writeBigUInt64BE(BigInt(claimedLength));
    header.push(maskBit | 127, ...length);
  }
  if (!mask) return Buffer.concat([Buffer.from(header), payload]);
  const key = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ key[i % 4]));
  return Buffer.concat([Buffer.from(header), key, masked]);
}

/** Sends the upgrade request and `frames` in one write: they arrive before the token is checked. */
function rawSocket(baseUrl: string, path: string, frames: Buffer[]): Promise<void> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket: Socket = tcpConnect({ host: hostname, port: Number(port) }, () => {
      const upgrade =
        `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`;
      socket.write(Buffer.concat([Buffer.from(upgrade), ...frames]));
    });
    socket.on('data', () => undefined);
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
    setTimeout(() => socket.destroy(), 500).unref();
  });
}

describe('realtime limits', () => {
  let t: TestApp;
  const clients: NotificationsClient[] = [];

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await t.close();
  });

  it('closes the oldest socket of a user with 4409 when they open a 21st (WS_MAX_SOCKETS_PER_USER=20)', async () => {
    const user = await makeUser(t);
    const neighbour = await makeUser(t);
    const theirs = await NotificationsClient.connect(t.baseUrl, { token: neighbour.token });
    clients.push(theirs);
    const sockets: NotificationsClient[] = [];
    const gateway = t.app.get(NotificationsGateway);
    for (let i = 0; i < 20; i++) {
      const client = await NotificationsClient.connect(t.baseUrl, { token: user.token });
      clients.push(client);
      sockets.push(client);
      // Registered in the order they were opened: wait until the server counts this one (its token
      // check is asynchronous, and under load a later socket could otherwise register first).
      await waitFor(() => gateway.socketsOf(user.user.id) === i + 1);
    }
    expect(sockets.filter((client) => client.closed)).toEqual([]);

    const newest = await NotificationsClient.connect(t.baseUrl, { token: user.token });
    clients.push(newest);
    expect(await sockets[0].waitForClose(10_000)).toEqual({ code: 4409, reason: 'too many sockets' });
    // The newest took the oldest's place, and only the oldest's: the server holds exactly 20.
    expect(gateway.socketsOf(user.user.id)).toBe(20);
    expect(sockets.slice(1).filter((client) => client.closed)).toEqual([]);
    expect(newest.closed).toBeUndefined();
    expect(theirs.closed).toBeUndefined();
  });

  it('answers garbage frames sent before authentication without an error log line (one throttled warning)', async () => {
    const logged: Record<'error' | 'warn', unknown[][]> = { error: [], warn: [] };
    const spies = (['error', 'warn'] as const).map((level) => {
      const original = Logger.prototype[level];
      return jest.spyOn(Logger.prototype, level).mockImplementation(function (this: Logger, ...args: unknown[]) {
        logged[level].push(args);
        return (original as (...params: unknown[]) => void).apply(this, args);
      });
    });
    try {
      const user = await makeUser(t);
      const path = (token?: string) => `/ws/notifications${token ? `?token=${token}` : ''}`;
      const attacks = [
        frame(0x1, randomBytes(16), { claimedLength: 1_000_000 }), // oversized (maxPayload is 4 KiB)
        frame(0x1, Buffer.alloc(5_000, 0x61)), // oversized, really sent
        frame(0x3, Buffer.from('x')), // reserved opcode
        frame(0x1, Buffer.from('hello'), { mask: false }), // unmasked client frame
        frame(0x1, Buffer.from([0xff, 0xfe, 0xfd])), // invalid UTF-8
        frame(0x1, Buffer.from('{"event":"x","data":1}')), // a well-formed message nobody asked for
      ];
      for (let round = 0; round < 3; round++) {
        for (const attack of attacks) {
          await Promise.all([
            rawSocket(t.baseUrl, path(), [attack]),
            rawSocket(t.baseUrl, path('garbage'), [attack]),
            rawSocket(t.baseUrl, path(user.token), [attack]),
          ]);
        }
      }
      // The app still serves sockets.
      const client = await NotificationsClient.connect(t.baseUrl, { token: user.token });
      clients.push(client);
      await waitFor(() => client.socket.readyState === client.socket.OPEN);
      expect(logged.error).toEqual([]);
      const frameWarnings = logged.warn.filter((args) => JSON.stringify(args).includes('invalid frames'));
      expect(frameWarnings.length).toBeLessThanOrEqual(1);
      expect(JSON.stringify(frameWarnings)).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe('realtime handshakes and the rate limit', () => {
  let t: TestApp;
  const clients: NotificationsClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '4' } });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await t.close();
  });

  it("counts each handshake against the caller's budget: past it the socket closes with 4429, and HTTP is 429", async () => {
    const user = await makeUser(t); // logs in anonymously: the IP's budget, not the user's
    for (let i = 0; i < 4; i++) {
      const client = await NotificationsClient.connect(t.baseUrl, { token: user.token });
      clients.push(client);
      await waitFor(() => client.socket.readyState === client.socket.OPEN);
    }
    const refused = await NotificationsClient.connect(t.baseUrl, { token: user.token });
    clients.push(refused);
    expect(await refused.waitForClose(5_000)).toEqual({ code: 4429, reason: 'rate limit' });
    expect((await t.http.get('/api/v1/auth/me', { token: user.token })).status).toBe(429);
    expect(clients.slice(0, 4).filter((client) => client.closed)).toEqual([]);
  });
});
