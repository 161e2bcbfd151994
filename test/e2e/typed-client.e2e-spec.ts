// The typed client (clients/typescript) against the real app: what openapi.json promises a generated
// client, a 409's `details.current_version` typed as a number, holds on the wire; and the README's
// example script runs as written.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createHelpdeskClient, errorCode, errorFor } from '../../clients/typescript/src';
import { makeAgent } from '../factories/users';
import { TestApp, startTestApp } from '../support/test-app';

const EXAMPLE = join(__dirname, '../../clients/typescript/examples/version-conflict.ts');

describe('typed client (clients/typescript)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('logs in, creates a ticket, and reads the current version from a stale PATCH without casts', async () => {
    const agent = await makeAgent(t);
    const login = await createHelpdeskClient(t.baseUrl).POST('/api/v1/auth/login', {
      body: { email: agent.email, password: agent.password },
    });
    expect(login.response.status).toBe(200);
    const client = createHelpdeskClient(t.baseUrl, { token: login.data!.access_token });

    const created = await client.POST('/api/v1/tickets', {
      body: { title: 'Printer on fire', description: 'Third floor.', priority: 'high' },
    });
    expect(created.response.status).toBe(201);
    const { id, version } = created.data!;

    const fresh = await client.PATCH('/api/v1/tickets/{id}', {
      params: { path: { id } },
      body: { version, title: 'Printer on fire (third floor)' },
    });
    expect(fresh.data?.version).toBe(version + 1);

    const stale = await client.PATCH('/api/v1/tickets/{id}', {
      params: { path: { id } },
      body: { version, title: 'Printer still on fire' },
    });
    expect(stale.response.status).toBe(409);
    expect(errorCode(stale.error)).toBe('VERSION_CONFLICT');
    const conflict = errorFor(stale, 409);
    const current: number = conflict!.error.details.current_version;
    expect(current).toBe(version + 1);
    // A status the response does not have picks nothing.
    expect(errorFor(stale, 412)).toBeUndefined();
  });

  it('sends no Authorization header without a token, and the token function on every request', async () => {
    const agent = await makeAgent(t);
    expect((await createHelpdeskClient(t.baseUrl).GET('/api/v1/auth/me')).response.status).toBe(401);
    let asked = 0;
    const client = createHelpdeskClient(t.baseUrl, { token: () => (++asked, agent.token) });
    const me = await client.GET('/api/v1/auth/me');
    await client.GET('/api/v1/auth/me');
    expect(me.data?.email).toBe(agent.email);
    expect(asked).toBe(2);
  });

  it('runs the README example (clients/typescript/examples/version-conflict.ts) with Node', async () => {
    const agent = await makeAgent(t);
    const { stdout } = await promisify(execFile)(process.execPath, [EXAMPLE], {
      env: { ...process.env, HELPDESK_URL: t.baseUrl, HELPDESK_EMAIL: agent.email, HELPDESK_PASSWORD: agent.password },
    });
    expect(stdout).toMatch(
      /^ticket \d+: first write \{"updated":true,"version":2\}, stale write \{"updated":false,"version":2\}\n$/,
    );
  });
});
