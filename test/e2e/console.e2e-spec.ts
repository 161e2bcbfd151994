// The web console (/app) in a real browser (Debian's chromium, playwright-core), against the real
// app: a requester and an agent working one ticket with live updates, a version conflict, an XSS
// title rendered inert, the admin dashboard, token refresh, and the demo-account list decided at
// build time. Screenshots go to test/artifacts/.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/users/demo-accounts';
import { breach } from '../support/escalation';
import { markCommentFromEmail } from '../factories/comments';
import { makeTicket, markOpenedByEmail } from '../factories/tickets';
import { makeAdmin, makeUser } from '../factories/users';
import { assertConsoleBuilt, buildConsole, ConsoleSessions, launchChromium, screenshot } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

const signInAs = async (page: Page, name: RegExp) => {
  await page.getByRole('button', { name }).click();
  await page.locator('.topbar').waitFor();
};
const waitUntilLive = (page: Page) => page.locator('.live[data-connection="live"]').waitFor();
const ticketIdFromUrl = (page: Page) => Number(/#\/tickets\/(\d+)$/.exec(page.url())?.[1]);

/** Closes the pages a test opened, then checks that under /app's strict CSP nothing was refused or threw. */
const closeAndCheck = async (sessions: ConsoleSessions) => {
  for (const session of await sessions.closeAll()) {
    expect(session.problems).toEqual([]);
    expect(session.dialogs).toEqual([]);
  }
};

describe('web console', () => {
  let browser: Browser;
  let t: TestApp;
  const sessions = new ConsoleSessions();

  beforeAll(async () => {
    assertConsoleBuilt();
    browser = await launchChromium();
    // The demo accounts are seeded (the clone has no users) and listed on the sign-in page (the
    // default build lists them).
    t = await startTestApp({ env: { SEED_DEMO: 'true' } });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => closeAndCheck(sessions));

  const open = async (hash = '') => (await sessions.openConsole(browser, t.baseUrl, hash)).page;
  const demoId = async (email: string): Promise<number> =>
    (await t.dataSource.query(`SELECT id FROM users WHERE email = $1`, [email]))[0].id;

  it('is served at /app under a strict CSP, with cacheable hashed assets', async () => {
    const redirect = await fetch(`${t.baseUrl}/app`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/app/');
    const index = await t.http.get('/app/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const csp = index.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    // No inline script or style in the page: everything is a same-origin file.
    expect(index.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(index.text).not.toMatch(/<style|style=/);
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(index.text)![1];
    const asset = await fetch(t.baseUrl + script, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('br');
    // Unknown files are the API's 404, in the error shape.
    const missing = await t.http.get('/app/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it("lists the seeder's demo accounts and their password on the sign-in page", async () => {
    const page = await open();
    const list = page.getByRole('region', { name: 'Demo accounts' });
    await list.getByRole('heading', { name: 'Demo accounts' }).waitFor();
    expect(await list.locator('code', { hasText: DEMO_PASSWORD }).count()).toBe(1);
    const buttons = list.locator('button.demo-account');
    expect(await buttons.count()).toBe(DEMO_ACCOUNTS.length);
    for (const [index, account] of DEMO_ACCOUNTS.entries()) {
      const text = await buttons.nth(index).textContent();
      expect(text).toContain(account.name);
      expect(text).toContain(account.email);
    }
  });

  it('lets a requester open a ticket that an agent claims and answers; the requester sees only the public reply, live', async () => {
    const title = `Printer on floor 3 jams ${Date.now()}`;
    const note = 'Internal: the requester is a VIP, handle with care';
    const reply = 'We have ordered a new fuser unit; it arrives tomorrow.';

    // The requester signs in with a demo account listed on the sign-in page.
    const requester = await open();
    await requester.getByRole('heading', { name: 'Demo accounts' }).waitFor();
    await screenshot(requester, 'login');
    await signInAs(requester, /Uma User/);
    await requester.getByRole('heading', { name: 'My tickets' }).waitFor();
    await requester.locator('.page-head').getByRole('link', { name: 'New ticket' }).click();
    await requester.getByLabel('Title').fill(title);
    await requester.getByLabel('What happened?').fill('It jams on every second page.\nTried turning it off and on.');
    await requester.locator('select[name="priority"]').selectOption('high');
    await screenshot(requester, 'new-ticket');
    await requester.getByRole('button', { name: 'Create ticket' }).click();
    await requester.locator('.ticket-title', { hasText: title }).waitFor();
    const id = ticketIdFromUrl(requester);
    const [created] = await t.dataSource.query(
      `SELECT title, priority, requester_id, source FROM tickets WHERE id = $1`,
      [id],
    );
    // The console says it is the client (X-Helpdesk-Client): its writes are `web`, not `api`.
    expect(created).toEqual({ title, priority: 'high', requester_id: await demoId('user@example.com'), source: 'web' });
    await waitUntilLive(requester);
    // Marks this page: a reload would lose it (and, with tokens in memory only, the session too).
    await requester.evaluate('window.marker = 42');

    // The agent claims it from the queue.
    const agent = await open();
    await signInAs(agent, /Alan Agent/);
    await agent.getByRole('heading', { name: 'Queue' }).waitFor();
    const row = agent.locator(`tr[data-ticket-id="${id}"]`);
    await row.getByText('Unassigned').waitFor();
    await screenshot(agent, 'queue');
    await agent.getByRole('button', { name: 'Claim next 15' }).click();
    // Among whatever else is claimable in this file's database (the order of the tests does not matter).
    await agent.getByText(new RegExp(`^Claimed \\d+ tickets?: (#\\d+, )*#${id}(, #\\d+)*\\.$`)).waitFor();
    await row.getByText('Alan Agent').waitFor();
    const [claimed] = await t.dataSource.query(`SELECT assignee_id FROM tickets WHERE id = $1`, [id]);
    expect(claimed.assignee_id).toBe(await demoId('agent@example.com'));

    // ...and answers: an internal note, then a public reply.
    await row.getByRole('link', { name: title }).click();
    await agent.locator('.ticket-title', { hasText: title }).waitFor();
    await agent.getByLabel('Message').fill(note);
    await agent.getByRole('button', { name: 'Add internal note' }).click();
    const noteCard = agent.locator('article.internal-note', { hasText: note });
    await noteCard.waitFor();
    expect(await noteCard.locator('.badge.internal').textContent()).toBe('Internal');
    // Styled (yellow) through the class and attribute the stylesheet keys on, not checked by colour.
    expect(await noteCard.getAttribute('data-internal')).toBe('true');
    await agent.getByLabel('Message').fill(reply);
    await agent.getByRole('button', { name: 'Send public reply' }).click();
    const publicCard = agent.locator('article.comment[data-internal="false"]', { hasText: reply });
    await publicCard.waitFor();
    await agent.locator('.timeline').getByText('claimed the ticket').waitFor();
    await screenshot(agent, 'ticket-agent');
    const stored = await t.dataSource.query(
      `SELECT body, is_internal, source FROM comments WHERE ticket_id = $1 ORDER BY id`,
      [id],
    );
    expect(stored).toEqual([
      { body: note, is_internal: true, source: 'web' },
      { body: reply, is_internal: false, source: 'web' },
    ]);

    // The requester's page shows the reply without a reload, and never the note.
    await requester.locator('article.comment', { hasText: reply }).waitFor();
    expect(await requester.evaluate('window.marker')).toBe(42);
    expect(await requester.getByText(note).count()).toBe(0);
    expect(await requester.locator('.internal-note, .badge.internal').count()).toBe(0);
    expect(await requester.locator('article.comment').count()).toBe(1);
    // The claim reached the requester's page too (a requester's ticket page follows changes by itself).
    await requester.locator('.facts').getByText('Alan Agent').waitFor();
    expect(await requester.getByText('This ticket was changed').count()).toBe(0);
    // Tokens live in memory only.
    expect(
      await requester.evaluate(
        '({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie })',
      ),
    ).toEqual({ local: 0, session: 0, cookie: '' });
    await screenshot(requester, 'ticket-requester');
    await requester.locator('.topbar').getByRole('link', { name: 'My tickets' }).click();
    await requester.locator(`tr[data-ticket-id="${id}"]`).getByText('1 comment').waitFor();
    await screenshot(requester, 'my-tickets');
  });

  it('shows a clear message on a version conflict, and saves after a reload', async () => {
    const owner = await makeUser(t);
    const ticket = await makeTicket(t, owner, { title: 'Conflicting edits' });
    const agent = await open(`#/tickets/${ticket.id}`);
    await signInAs(agent, /Alan Agent/);
    await agent.locator('.ticket-title', { hasText: 'Conflicting edits' }).waitFor();
    await waitUntilLive(agent);

    // Someone else changes the ticket while the agent looks at it: the page says so, live...
    const other = await makeAdmin(t);
    const theirs = await t.http.patch(
      `/api/v1/tickets/${ticket.id}`,
      { version: ticket.version, priority: 'urgent' },
      { token: other.token },
    );
    expect(theirs.status).toBe(200);
    await agent.getByText('This ticket was changed since you opened it.').waitFor();

    // ...and the agent's change, sent with the version they read, is refused with a 409.
    const answer = agent.waitForResponse((r) => r.request().method() === 'PATCH');
    await agent.locator('select[name="status"]').selectOption('in_progress');
    expect((await answer).status()).toBe(409);
    const conflict = agent.getByText('Someone else changed this ticket — reload to see their changes.');
    await conflict.waitFor();
    await screenshot(agent, 'conflict');
    const [unchanged] = await t.dataSource.query(`SELECT status, priority FROM tickets WHERE id = $1`, [ticket.id]);
    expect(unchanged).toEqual({ status: 'open', priority: 'urgent' });
    expect(await agent.locator('select[name="status"]').inputValue()).toBe('open');

    await agent.getByRole('button', { name: 'Reload' }).click();
    await conflict.waitFor({ state: 'detached' });
    await agent.locator('.ticket-head .badge.priority-urgent').waitFor();
    await agent.locator('select[name="status"]').selectOption('in_progress');
    await agent.getByText('Status changed to In progress.').waitFor();
    const [saved] = await t.dataSource.query(`SELECT status, version FROM tickets WHERE id = $1`, [ticket.id]);
    expect(saved).toEqual({ status: 'in_progress', version: ticket.version + 2 });
  });

  it('renders user text as text: a ticket titled <img src=x onerror=alert(1)> stays inert', async () => {
    const owner = await makeUser(t);
    const title = '<img src=x onerror=alert(1)>';
    const description = '<script>alert(2)</script><b>not bold</b>';
    const body = '<img src=y onerror=alert(3)><a href="javascript:alert(4)">click</a>';
    const ticket = await makeTicket(t, owner, { title, description });
    expect((await t.http.post(`/api/v1/tickets/${ticket.id}/comments`, { body }, { token: owner.token })).status).toBe(
      201,
    );

    const agent = await open();
    await signInAs(agent, /Alan Agent/);
    const link = agent.locator(`tr[data-ticket-id="${ticket.id}"] .title-cell a`);
    expect(await link.textContent()).toBe(title);
    await link.click();
    await agent.locator('.ticket-title').getByText(title, { exact: true }).waitFor();
    expect(await agent.locator('.description .body').textContent()).toBe(description);
    expect(await agent.locator('article.comment .body').textContent()).toBe(body);
    // Nothing the users wrote became markup.
    expect(await agent.locator('img, b, main script, .body a').count()).toBe(0);
    await screenshot(agent, 'xss-ticket');
    // afterEach: no alert() dialog opened and no script error.
  });

  it('marks what came by email: the ticket in the queue and on its page, its emailed comments, its email events', async () => {
    const owner = await makeUser(t);
    const byEmail = await makeTicket(t, owner, { title: 'Printer on fire (by email)' });
    const byApi = await makeTicket(t, owner, { title: 'Printer on fire (by API)' });
    await markOpenedByEmail(t, byEmail.id, { from: owner.email, requesterId: owner.user.id });
    const emailed = await t.http.post(
      `/api/v1/tickets/${byEmail.id}/comments`,
      { body: 'Still burning, see attached' },
      { token: owner.token },
    );
    const typed = await t.http.post(
      `/api/v1/tickets/${byEmail.id}/comments`,
      { body: 'Typed in' },
      { token: owner.token },
    );
    await markCommentFromEmail(t, emailed.body.id);

    const agent = await open();
    await signInAs(agent, /Alan Agent/);
    const emailRow = agent.locator(`tr[data-ticket-id="${byEmail.id}"]`);
    expect(await emailRow.locator('.badge.email').textContent()).toBe('✉ email');
    expect(await emailRow.locator('.badge.email').getAttribute('title')).toBe('Opened by email');
    expect(await agent.locator(`tr[data-ticket-id="${byApi.id}"] .badge.email`).count()).toBe(0);

    await emailRow.getByRole('link', { name: 'Printer on fire (by email)' }).click();
    await agent.locator('.ticket-head .badge.email', { hasText: '✉ email' }).waitFor();
    await agent.locator(`article.comment[data-comment-id="${emailed.body.id}"] .badge.email`).waitFor();
    expect(await agent.locator(`article.comment[data-comment-id="${typed.body.id}"] .badge.email`).count()).toBe(0);
    const timeline = agent.locator('.timeline');
    await timeline.getByText(`Email received from ${owner.email}`).waitFor();
    await timeline.getByText(`Email sent to ${owner.email} (acknowledgement)`).waitFor();
    // Said as what happened: no actor name before it (and never "SLA monitor" for the desk's own mail).
    expect(await timeline.locator('.event-email-sent strong').count()).toBe(0);
    await screenshot(agent, 'ticket-by-email');

    await agent.goto(`${t.baseUrl}/app/#/tickets/${byApi.id}`);
    await agent.locator('.ticket-title', { hasText: 'Printer on fire (by API)' }).waitFor();
    expect(await agent.locator('.badge.email').count()).toBe(0);
  });

  it('gives admins a dashboard: the 30-day chart, the stats and the SLA-breached tickets highlighted', async () => {
    const owner = await makeUser(t);
    const late = await makeTicket(t, owner, { title: 'Missed its targets', priority: 'urgent' });
    await breach(t.dataSource, [late.id], ['first_response', 'resolution']);

    const admin = await open();
    await signInAs(admin, /Ada Admin/);
    await admin.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const chart = admin.locator('figure.chart svg[data-days="30"]');
    await chart.waitFor();
    for (const series of ['opened', 'resolved', 'breached']) {
      expect(await admin.locator(`.series-${series} circle`).count()).toBe(30);
    }
    const [{ today }] = await t.dataSource.query(`SELECT count(*)::int AS today FROM tickets WHERE deleted_at IS NULL`);
    expect(await chart.getAttribute('aria-label')).toContain(`Opened ${today}`);
    const total = admin.locator('.stat', { hasText: 'All tickets' }).locator('.stat-value');
    expect(await total.textContent()).toBe(String(today));
    // The stats are cached on the server: the page says as of when.
    const asOf = admin.locator('.as-of time');
    expect(await asOf.textContent()).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(Date.parse((await asOf.getAttribute('datetime'))!)).toBeLessThanOrEqual(Date.now());
    const breachedRow = admin.locator(`.breached-list tr.row-breached[data-ticket-id="${late.id}"]`);
    await breachedRow.getByText('SLA breached').waitFor();
    expect(await admin.locator('.breached-list tr.row-breached').count()).toBe(1);
    await screenshot(admin, 'dashboard');

    // The queue marks it too.
    await admin.locator('.topbar').getByRole('link', { name: 'Queue' }).click();
    // The dashboard's own breached row matches the locator below until the queue replaced it.
    await admin.getByRole('heading', { name: 'Queue', level: 1 }).waitFor();
    await admin.locator('.breached-list').waitFor({ state: 'detached' });
    await admin.locator(`tr.row-breached[data-ticket-id="${late.id}"]`).getByText('SLA breached').waitFor();
    expect(await admin.locator('tr.row-breached').count()).toBe(1);
  });

  it('falls back to the home page on a malformed escape in the route, instead of a blank page', async () => {
    const agent = await open('#/tickets/%E0%A4%A');
    await signInAs(agent, /Alan Agent/);
    await agent.getByRole('heading', { name: 'Queue' }).waitFor();
    // afterEach: no URIError thrown.
  });

  it('refreshes the access token after a 401 and retries, rotating the refresh token', async () => {
    const user = await open();
    await signInAs(user, /Uma User/);
    await user.getByRole('heading', { name: 'My tickets' }).waitFor();
    await user.locator('main table.tickets, main .empty').waitFor();
    // The next list request is answered 401, as for an expired token.
    let refused = 0;
    await user.route('**/api/v1/tickets?*', async (route) => {
      if (refused++ === 0) {
        await route.fulfill({
          status: 401,
          contentType: 'application/json',
          body: JSON.stringify({
            error: { code: 'UNAUTHENTICATED', message: 'expired', details: {}, request_id: 'x' },
          }),
        });
      } else {
        await route.continue();
      }
    });
    const refresh = user.waitForResponse((r) => r.url().endsWith('/api/v1/auth/refresh'));
    const retried = user.waitForResponse((r) => r.url().includes('/api/v1/tickets?') && r.status() === 200);
    await user.getByRole('button', { name: 'All' }).click();
    expect((await refresh).status()).toBe(200);
    await retried;
    expect(refused).toBe(2);
    // The page uses the new pair: the rotated-out refresh token is dead (presenting it would revoke the session).
    await user.locator('.topbar').getByRole('link', { name: 'New ticket' }).click();
    await user.getByLabel('Title').fill('After a refresh');
    await user.getByLabel('What happened?').fill('Still signed in');
    await user.getByRole('button', { name: 'Create ticket' }).click();
    await user.locator('.ticket-title', { hasText: 'After a refresh' }).waitFor();
  });

  it('signs out: the refresh token is revoked and the sign-in page is back', async () => {
    const user = await open();
    await signInAs(user, /Uma User/);
    await user.getByRole('heading', { name: 'My tickets' }).waitFor();
    const logout = user.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout'));
    await user.getByRole('button', { name: 'Sign out' }).click();
    const answered = await logout;
    expect(answered.status()).toBe(204);
    const refreshToken = (answered.request().postDataJSON() as { refresh_token: string }).refresh_token;
    await user.getByRole('heading', { name: 'Sign in' }).waitFor();
    const reuse = await t.http.post('/api/v1/auth/refresh', { refresh_token: refreshToken });
    expect(reuse.status).toBe(401);
  });
});

describe('web console with short-lived access tokens', () => {
  /** 10 s: refreshed halfway (5 s in), which leaves seconds of margin even on a loaded machine. */
  const ttlSeconds = 10;
  let browser: Browser;
  let t: TestApp;
  const sessions = new ConsoleSessions();

  beforeAll(async () => {
    assertConsoleBuilt();
    browser = await launchChromium();
    t = await startTestApp({ env: { SEED_DEMO: 'true', JWT_ACCESS_TTL: String(ttlSeconds) } });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => closeAndCheck(sessions));

  const expiresAt = (accessToken: string): number =>
    (JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as { exp: number }).exp * 1000;

  it('refreshes before the access token expires, each time with the newest refresh token, and stays live', async () => {
    const { page } = await sessions.openConsole(browser, t.baseUrl);
    const presented: Array<{ token: string; at: number }> = [];
    const refused: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/v1/auth/refresh')) {
        presented.push({ token: (request.postDataJSON() as { refresh_token: string }).refresh_token, at: Date.now() });
      }
    });
    page.on('response', (response) => {
      if (response.status() === 401) refused.push(response.url());
    });
    const issued: Array<{ access: string; refresh: string }> = [];
    // The login, then two refreshes: each comes about ttl/2 after the one before, so wait for them
    // (up to three lifetimes) rather than for a fixed time.
    const twoRefreshes = page.waitForResponse(
      async (response) => {
        if (!/\/api\/v1\/auth\/(login|refresh)$/.test(response.url())) return false;
        expect(response.status()).toBe(200);
        const pair = (await response.json()) as { access_token: string; refresh_token: string };
        issued.push({ access: pair.access_token, refresh: pair.refresh_token });
        return issued.length === 3;
      },
      { timeout: 3 * ttlSeconds * 1000 },
    );
    await signInAs(page, /Uma User/);
    await twoRefreshes;
    // Each refresh presented the token the one before had issued (reuse would revoke the session)...
    expect(presented.map((p) => p.token)).toEqual(issued.slice(0, 2).map((p) => p.refresh));
    expect(new Set(issued.map((p) => p.refresh)).size).toBe(3);
    // ...and was sent while the access token it replaced was still valid: ahead of expiry, not after a 401.
    presented.forEach((refresh, index) => expect(refresh.at).toBeLessThan(expiresAt(issued[index].access)));
    expect(refused).toEqual([]);
    // The page goes on with a refreshed token, and the socket is live.
    const create = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/tickets'));
    await page.locator('.topbar').getByRole('link', { name: 'New ticket' }).click();
    await page.getByLabel('Title').fill('Written with a refreshed token');
    await page.getByLabel('What happened?').fill('Still signed in');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await page.locator('.ticket-title', { hasText: 'Written with a refreshed token' }).waitFor();
    expect((await (await create).allHeaders()).authorization).not.toBe(`Bearer ${issued[0].access}`);
    await waitUntilLive(page);
    expect(refused).toEqual([]);
  });
});

describe('web console built with CONSOLE_DEMO_ACCOUNTS=false (as the Docker image is)', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) =>
      statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)],
    );

  it('carries neither the demo accounts nor their password', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'helpdesk-console-'));
    try {
      await buildConsole(outDir, { CONSOLE_DEMO_ACCOUNTS: 'false' });
      const built = files(outDir)
        .filter((file) => /\.(js|css|html)$/.test(file))
        .map((file) => readFileSync(file, 'utf8'))
        .join('\n');
      expect(built).toContain('Sign in'); // the console is there...
      expect(built).not.toContain('Demo accounts'); // ...without the list,
      expect(built).not.toContain(DEMO_PASSWORD); // the password
      for (const account of DEMO_ACCOUNTS) expect(built).not.toContain(account.email); // or the accounts.
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('refuses to build with any other value than true or false', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'helpdesk-console-'));
    try {
      await expect(buildConsole(outDir, { CONSOLE_DEMO_ACCOUNTS: 'no' })).rejects.toThrow(
        /CONSOLE_DEMO_ACCOUNTS must be "true" or "false"/,
      );
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
