// HTTP exactly as written: the path goes on the wire untouched (fetch would resolve `%2e%2e` and
// re-encode), any body text, and a deadline, so a request the server never answers is a failure.
import { Agent, request } from 'node:http';
import { HttpResponse } from './http-client';

export interface RawRequest {
  method: string;
  /** Path and query, already percent-encoded as they should be sent. */
  path: string;
  headers?: Record<string, string>;
  /** Sent as is, with `content-type: application/json` unless a content type is given. */
  body?: string;
}

export class RequestTimeoutError extends Error {}

export class RawHttpClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 8 });
  private readonly url: URL;

  constructor(
    baseUrl: string,
    readonly timeoutMs = 10_000,
  ) {
    this.url = new URL(baseUrl);
  }

  send(req: RawRequest): Promise<HttpResponse> {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      headers['content-length'] = Buffer.byteLength(req.body);
    }
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method: req.method,
          path: req.path,
          headers,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(incoming.headers)) {
              for (const item of Array.isArray(value) ? value : [value ?? '']) responseHeaders.append(name, item);
            }
            let body: unknown = undefined;
            if (text && (responseHeaders.get('content-type') ?? '').includes('json')) {
              try {
                body = JSON.parse(text);
              } catch {
                body = undefined; // the caller's assertions see `text` and fail on the shape
              }
            }
            resolve({ status: incoming.statusCode ?? 0, headers: responseHeaders, body, text });
          });
        },
      );
      outgoing.setTimeout(this.timeoutMs, () => {
        outgoing.destroy(
          new RequestTimeoutError(`${req.method} ${req.path} got no answer within ${this.timeoutMs} ms`),
        );
      });
      outgoing.on('error', reject);
      outgoing.end(req.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
