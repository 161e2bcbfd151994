// One HTTP/1.1 request written on a bare TCP socket, for what no HTTP client will send: a
// Content-Length that lies, a body that stops halfway while the connection stays open, a client
// that vanishes mid-upload. The outcome is the server's first answer, or the connection closed
// without one; a server that does neither within the deadline is a failure.
import { connect, Socket } from 'node:net';
import { HttpResponse } from './http-client';

export interface SocketRequest {
  method: string;
  path: string;
  /** Written as given, nothing added but Host and `Connection: close` (so a lying Content-Length is sent as is). */
  headers: Record<string, string>;
  /** Sent right after the head. */
  body?: Buffer;
  /** After the body: keep the connection open sending nothing (`wait`), or half-close it (`end`). */
  then?: 'wait' | 'end';
  /** How long to wait for an answer or a close. */
  timeoutMs?: number;
}

export interface SocketOutcome {
  /** The server's answer, if it sent one before closing. */
  response?: HttpResponse;
  elapsedMs: number;
}

export interface RawExchange {
  socket: Socket;
  outcome: Promise<SocketOutcome>;
}

function parseHead(head: string): { status: number; headers: Headers } {
  const [statusLine, ...lines] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers = new Headers();
  for (const line of lines) {
    const at = line.indexOf(':');
    if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return { status, headers };
}

function dechunk(body: Buffer): Buffer | undefined {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd === -1) return undefined;
    const size = parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) return Buffer.concat(out);
    if (body.length < lineEnd + 2 + size + 2) return undefined;
    out.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

/** The first complete response in `received`, if there is one yet (`final`: the connection has closed). */
function responseIn(received: Buffer, final: boolean): HttpResponse | undefined {
  const headEnd = received.indexOf('\r\n\r\n');
  if (headEnd === -1) return undefined;
  const { status, headers } = parseHead(received.subarray(0, headEnd).toString('latin1'));
  const rest = received.subarray(headEnd + 4);
  let body: Buffer | undefined;
  const length = headers.get('content-length');
  if (length !== null) {
    body = rest.length >= Number(length) ? rest.subarray(0, Number(length)) : final ? rest : undefined;
  } else if ((headers.get('transfer-encoding') ?? '').includes('chunked')) {
    body = dechunk(rest) ?? (final ? rest : undefined);
  } else {
    body = final ? rest : undefined;
  }
  if (body === undefined) return undefined;
  const text = body.toString('utf8');
  let parsed: unknown = undefined;
  if (text && (headers.get('content-type') ?? '').includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  return { status, headers, body: parsed, text };
}

/** Opens a connection and writes the request; `socket` lets the test write more or vanish. */
export function rawExchange(baseUrl: string, req: SocketRequest): RawExchange {
  const url = new URL(baseUrl);
  const socket = connect({ host: url.hostname, port: Number(url.port) });
  const started = Date.now();
  const timeoutMs = req.timeoutMs ?? 15_000;
  const outcome = new Promise<SocketOutcome>((resolve, reject) => {
    let received = Buffer.alloc(0);
    let settled = false;
    const settle = (final: boolean) => {
      if (settled) return;
      const response = responseIn(received, final);
      if (!response && !final) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ response, elapsedMs: Date.now() - started });
    };
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(new Error(`${req.method} ${req.path}: no answer and no close within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      settle(false);
    });
    // A reset or a write into a closed connection ends the exchange like a close does.
    socket.on('error', () => settle(true));
    socket.on('close', () => settle(true));
  });
  socket.once('connect', () => {
    const head =
      `${req.method} ${req.path} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n` +
      Object.entries(req.headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('') +
      '\r\n';
    socket.write(head);
    if (req.body) socket.write(req.body);
    if (req.then === 'end') socket.end();
  });
  return { socket, outcome };
}
