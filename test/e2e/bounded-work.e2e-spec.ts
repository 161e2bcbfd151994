// API.md, Cross-cutting → "Bounded work": a body of at most 1 MB of any shape is refused or
// processed in well under 100 ms of CPU, an error lists at most 100 details, no request delays
// others; and a body over the 1 MB limit gets its 413 (Errors table), not a reset connection.
import { request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeAgent } from '../factories/users';
import { assertErrorShape, expectError } from '../support/assertions';
import { HttpResponse } from '../support/http-client';
import { RawHttpClient } from '../support/raw-http';
import { startTestApp, TestApp } from '../support/test-app';

const MB = 1_000_000;

/** `open` + items joined by commas + `close`, as many items as fit in `bytes`. */
function fill(open: string, item: (i: number) => string, close: string, bytes = MB): string {
  const parts: string[] = [];
  let length = open.length + close.length;
  for (let i = 0; ; i++) {
    const next = item(i);
    if (length + next.length + 1 > bytes) break;
    parts.push(next);
    length += next.length + 1;
  }
  return open + parts.join(',') + close;
}

const wideKeys = fill('{', (i) => `"${i}":0`, '}');

/** ~1 MB bodies of every shape, each to the route of the security review's report (anonymous login). */
const SHAPES: Array<{ shape: string; body: string; contentType?: string; message: RegExp }> = [
  { shape: 'a wide object (~110k keys)', body: wideKeys, message: /object with more than 1000 keys/ },
  {
    shape: 'a wide object beside real fields',
    body: fill('{"email":"a@b.c","password":"secret-pw",', (i) => `"k${i}":0`, '}'),
    message: /object with more than 1000 keys/,
  },
  { shape: 'deep arrays', body: '['.repeat(MB / 2) + ']'.repeat(MB / 2), message: /nests deeper than 32 levels/ },
  {
    shape: 'deep objects',
    body: '{"a":'.repeat(MB / 6) + '1' + '}'.repeat(MB / 6),
    message: /nests deeper than 32 levels/,
  },
  { shape: 'a long array (200k+ elements)', body: fill('{"email":[', () => '0', ']}'), message: /array with more/ },
  { shape: 'a long array of objects', body: fill('[', () => '{}', ']'), message: /array with more/ },
  {
    shape: 'many values in short arrays',
    body: fill('[', () => `[${Array(999).fill(0).join(',')}]`, ']'),
    message: /more than 10000 values/,
  },
  {
    shape: 'one long string',
    body: `{"email":"${'x'.repeat(MB - 40)}","password":"pw"}`,
    message: /Invalid request: email/,
  },
  {
    shape: 'many unicode escapes',
    body: `{"email":"${'\\u00e9'.repeat(MB / 12 - 10)}","password":"${'\\ud83d\\ude00'.repeat(MB / 24 - 10)}"}`,
    message: /Invalid request/,
  },
  {
    shape: 'a wide form body',
    body: fill('', (i) => `k${i}=0`, '').replace(/,/g, '&'),
    contentType: 'application/x-www-form-urlencoded',
    message: /more than 1000 fields/,
  },
];

describe('bounded work', () => {
  let t: TestApp;
  let raw: RawHttpClient;

  beforeAll(async () => {
    t = await startTestApp();
    raw = new RawHttpClient(t.baseUrl, 30_000);
    // Warm up the routes, so the first measured request does not pay for compiling them.
    await raw.send({ method: 'POST', path: '/api/v1/auth/login', body: '{"email":"a@b.c","password":"x"}' });
  });

  afterAll(async () => {
    raw?.close();
    await t?.close();
  });

  const login = (body: string, contentType = 'application/json') =>
    raw.send({ method: 'POST', path: '/api/v1/auth/login', headers: { 'content-type': contentType }, body });

  it.each(SHAPES)(
    'answers $shape of ~1 MB with 400 in well under 100 ms of CPU',
    async ({ body, contentType, message }) => {
      expect(Buffer.byteLength(body)).toBeGreaterThan(0.85 * MB);
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MB);
      // Client and server share this process: each sample is an upper bound of the server's CPU
      // (GC of earlier requests included), and on a loaded 2-core CI run the other jest worker
      // and Postgres inflate it several times over (a median of 134 ms was seen there, 7–35 ms
      // here). Noise only ever adds, so the claim checked is the best of up to ten tries: the
      // server can refuse the shape in under 100 ms. The code this guards against took 9 s on
      // every try.
      const samples: number[] = [];
      while (samples.length < 10 && !samples.some((ms) => ms < 100)) {
        const before = process.cpuUsage();
        const res = await login(body, contentType);
        const { user, system } = process.cpuUsage(before);
        samples.push((user + system) / 1000);
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(res.body.error.message).toMatch(message);
        expect(res.text.length).toBeLessThan(20_000);
      }
      expect(Math.min(...samples)).toBeLessThan(100);
    },
  );

  it('answers health checks promptly while each shape is being refused (not after seconds)', async () => {
    const latencies: number[] = [];
    for (const { body, contentType } of SHAPES) {
      let done = false;
      const heavy = login(body, contentType).finally(() => {
        done = true;
      });
      // Health checks one after the other for as long as the heavy request runs (and at least one).
      do {
        const started = performance.now();
        const health = await t.http.get('/api/health');
        latencies.push(performance.now() - started);
        expect(health.status).toBe(200);
      } while (!done);
      expect((await heavy).status).toBe(400);
    }
    // Was ~9 s behind the wide object (the event loop blocked in class-transformer). Here: ~130 ms;
    // the bound leaves room for a loaded CI machine and still fails the old code by far.
    expect(Math.max(...latencies)).toBeLessThan(2_000);
  });

  it('refuses a query string past a bound with 400 naming it', async () => {
    const res = await raw.send({ method: 'GET', path: `/api/v1/tickets?${'status=open&'.repeat(1_001)}` });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.message).toBe('Query string has an array with more than 1000 elements');
  });

  it('lists at most 100 details and counts the rest in _truncated', async () => {
    const extra = Object.fromEntries(Array.from({ length: 990 }, (_, i) => [`k${i}`, 0]));
    const res = await t.http.post('/api/v1/auth/register', {
      email: 'wide@example.test',
      password: 'a-long-password',
      name: 'Wide',
      ...extra,
    });
    expectError(res, 400, 'VALIDATION_FAILED');
    const { details, message } = res.body.error;
    expect(Object.keys(details)).toHaveLength(101);
    expect(details.k0).toEqual(['is not an allowed field']);
    expect(details._truncated).toBe(890);
    expect(message).toMatch(/^Invalid request: k0, k1, .* and 890 more$/);
  });

  it('still takes the largest bodies our routes accept (a template context of 200 entries)', async () => {
    const agent = await makeAgent(t);
    const template = await t.http.post(
      '/api/v1/templates',
      { title: 'Wide', content: 'Hello {k199}' },
      { token: agent.token },
    );
    expect(template.status).toBe(201);
    const context = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, `v${i}`]));
    const res = await t.http.post(`/api/v1/templates/${template.body.id}/render`, { context }, { token: agent.token });
    expect({ status: res.status, text: res.text }).toMatchObject({ status: 200 });
  });

  describe('bodies over the 1 MB limit', () => {
    interface Outcome {
      response?: HttpResponse;
      error?: NodeJS.ErrnoException;
      ms: number;
    }

    /**
     * Node's http client writing `total` bytes in 64 KB chunks, with Content-Length or chunked,
     * like a client on a slower network: it pauses for 200 ms once past the 1 MB limit, so the
     * server has answered (and, before the fix, closed) by the time the rest is written. The
     * outcome is the response once the whole body is written, or the first error (EPIPE,
     * ECONNRESET, or none within 10 s): a client that reads only after writing sees nothing else. `stopAfter` stalls
     * there for good and waits for the response alone.
     */
    function sendInChunks(total: number, options: { declareLength: boolean; stopAfter?: number }): Promise<Outcome> {
      const started = performance.now();
      const url = new URL(t.baseUrl);
      return new Promise((resolve) => {
        let response: HttpResponse | undefined;
        let written = options.stopAfter !== undefined;
        let settled = false;
        const settle = (outcome: Omit<Outcome, 'ms'>) => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          resolve({ ...outcome, ms: performance.now() - started });
          outgoing.destroy();
        };
        const outgoing = httpRequest({
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/api/v1/auth/login',
          agent: false,
          headers: {
            'content-type': 'application/json',
            ...(options.declareLength ? { 'content-length': total } : { 'transfer-encoding': 'chunked' }),
          },
        });
        outgoing.on('error', (error) => settle({ error, response }));
        // Before the fix the client could also be left with a half-written body and no outcome at all.
        const deadline = setTimeout(() => settle({ error: new Error('no outcome within 10 s'), response }), 10_000);
        outgoing.on('response', (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const headers = new Headers(incoming.headers as Record<string, string>);
            const body: unknown = text ? JSON.parse(text) : undefined;
            response = { status: incoming.statusCode ?? 0, headers, body, text };
            if (written) settle({ response });
          });
        });
        void (async () => {
          const chunk = Buffer.alloc(64 * 1024, 'x');
          const stop = options.stopAfter ?? total;
          let paused = false;
          for (let sent = 0; sent < stop && !settled;) {
            const piece = chunk.subarray(0, Math.min(chunk.length, stop - sent));
            sent += piece.length;
            if (!outgoing.write(piece)) await new Promise((r) => outgoing.once('drain', r));
            if (!paused && sent > 1_100_000) {
              paused = true;
              await sleep(200);
            }
          }
          if (options.stopAfter === undefined && !settled) {
            outgoing.end(() => {
              written = true;
              if (response) settle({ response });
            });
          }
        })();
      });
    }

    it.each([true, false])(
      'answers a 2 MB body written in chunks with 413, not a reset (Content-Length declared: %s)',
      async (declareLength) => {
        const outcome = await sendInChunks(2 * 1024 * 1024, { declareLength });
        // Was EPIPE or ECONNRESET, or here a body that could not be finished: the server closed the
        // socket while the client was still writing.
        expect(outcome.error).toBeUndefined();
        expectError(outcome.response!, 413, 'PAYLOAD_TOO_LARGE');
        expect((await t.http.get('/api/health')).status).toBe(200);
      },
    );

    it('answers a sender that stalls past the limit with 413 within the drain bound, and closes', async () => {
      const outcome = await sendInChunks(2 * 1024 * 1024, { declareLength: true, stopAfter: 1_200_000 });
      // The server reads the rest for at most 3 s (DRAIN_BOUNDS), then answers and closes.
      expect(outcome.error).toBeUndefined();
      expect(outcome.response?.status).toBe(413);
      assertErrorShape(outcome.response!);
      expect(outcome.ms).toBeLessThan(8_000);
      expect((await t.http.get('/api/health')).status).toBe(200);
    });
  });
});
