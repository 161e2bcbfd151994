// A real HTTP receiver on 127.0.0.1 for webhook tests: records every request, answers as told.
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: Record<string, string>;
  body: string;
  json: { type: string; timestamp: string; data: Record<string, any> };
  at: number;
}

export type Responder = (request: ReceivedRequest, res: ServerResponse, index: number) => void;

export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  /** How the next requests are answered (200 by default). */
  respond: Responder;
  close(): Promise<void>;
}

export const answer =
  (status: number, body = ''): Responder =>
  (_request, res) => {
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(body);
  };

export async function startReceiver(respond: Responder = answer(200)): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    received,
    respond,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(', ') : (value ?? ''),
        ]),
      );
      const request = { headers, body, json: JSON.parse(body), at: Date.now() };
      received.push(request);
      receiver.respond(request, res, received.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}
