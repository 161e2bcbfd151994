// Ops endpoints and the error contract for failures that happen before any feature code runs.
import { readFileSync } from 'node:fs';
import { stableStringify } from '../../src/common/stable-stringify';
import { makeUser } from '../factories/users';
import { expectError } from '../support/assertions';
import { RawHttpClient } from '../support/raw-http';
import { startTestApp, TestApp } from '../support/test-app';

describe('foundation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports health with both dependencies up', async () => {
    const res = await t.http.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('serves meta with version and uptime', async () => {
    const res = await t.http.get('/api/_meta');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: 'helpdesk',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      commit: expect.any(String),
      node: process.version,
      started_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
      uptime_s: expect.any(Number),
    });
  });

  it('serves the well-known file byte for byte', async () => {
    const res = await t.http.get('/.well-known/hackathon.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.text).toBe(readFileSync('public/.well-known/hackathon.json', 'utf8'));
  });

  it('serves Swagger UI and the OpenAPI document with the bearer scheme', async () => {
    const ui = await t.http.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
    const doc = await t.http.get('/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('matches the committed openapi.json', async () => {
    const doc = await t.http.get('/docs-json');
    expect(stableStringify(doc.body)).toBe(readFileSync('openapi.json', 'utf8'));
  });

  describe('request ids', () => {
    it('generates one when the client sends none', async () => {
      const res = await t.http.get('/api/_meta');
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("echoes the client's id", async () => {
      const res = await t.http.get('/api/_meta', { headers: { 'x-request-id': 'client-abc.123' } });
      expect(res.headers.get('x-request-id')).toBe('client-abc.123');
    });

    it('replaces an id that could forge log lines', async () => {
      const res = await t.http.get('/api/_meta', { headers: { 'x-request-id': 'a b"c' } });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('puts the same id in error bodies', async () => {
      const res = await t.http.get('/nowhere', { headers: { 'x-request-id': 'trace-42' } });
      expect(res.body.error.request_id).toBe('trace-42');
    });
  });

  describe('error contract', () => {
    it('answers unknown routes with 404 NOT_FOUND', async () => {
      expectError(await t.http.get('/api/v1/nothing-here'), 404, 'NOT_FOUND');
      expectError(await t.http.delete('/'), 404, 'NOT_FOUND');
    });

    it('answers malformed JSON with 400 VALIDATION_FAILED', async () => {
      const res = await t.http.request('POST', '/api/health', undefined, { raw: '{"title": ' });
      expectError(res, 400, 'VALIDATION_FAILED');
    });

    it('answers a body over 1 MB with 413 in the error shape', async () => {
      const big = JSON.stringify({ blob: 'x'.repeat(1024 * 1024 + 10) });
      const res = await t.http.request('POST', '/api/health', undefined, { raw: big });
      expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    });

    // Found by the fuzzer (test/e2e/fuzz.e2e-spec.ts): these were answered below Nest, in Fastify's own shape or as a 500.
    describe('requests refused below the application', () => {
      let raw: RawHttpClient;
      let token: string;
      beforeAll(async () => {
        raw = new RawHttpClient(t.baseUrl);
        token = (await makeUser(t)).token;
      });
      afterAll(() => raw.close());

      it('answers a body nested deeper than 32 levels with 400 (was a 500: the validation pipe overflowed its stack)', async () => {
        for (const body of [
          '['.repeat(2_000) + ']'.repeat(2_000),
          `{"title":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_001)}`,
        ]) {
          const res = await raw.send({ method: 'POST', path: '/api/v1/auth/register', body });
          expectError(res, 400, 'VALIDATION_FAILED');
          expect(res.body.error.message).toMatch(/nests deeper than 32 levels/);
        }
        const fine = '{"a":'.repeat(30) + '1' + '}'.repeat(30);
        expect(
          (await raw.send({ method: 'POST', path: '/api/v1/auth/register', body: fine })).body.error.message,
        ).not.toMatch(/nests deeper/);
      });

      it.each(['%E0%A4%A', '%', '%zz', '%C0%AE'])(
        'answers a path with the undecodable escape %s with 404 in the error shape (was Fastify’s 400)',
        async (segment) => {
          const res = await raw.send({
            method: 'GET',
            path: `/api/v1/tickets/${segment}`,
            headers: { authorization: `Bearer ${token}` },
          });
          expectError(res, 404, 'NOT_FOUND');
          expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        },
      );

      it('answers an overlong path id with 404 in the error shape (was Fastify’s 414)', async () => {
        const res = await raw.send({
          method: 'GET',
          path: `/api/v1/tickets/${'9'.repeat(5_000)}`,
          headers: { authorization: `Bearer ${token}` },
        });
        expectError(res, 404, 'NOT_FOUND');
      });

      it('answers a URL and headers over 16 KB with 431 HEADERS_TOO_LARGE in the error shape (was Fastify’s shape)', async () => {
        const res = await raw.send({ method: 'GET', path: `/api/health?q=${'x'.repeat(20_000)}` });
        expectError(res, 431, 'HEADERS_TOO_LARGE');
      });
    });
  });
});
