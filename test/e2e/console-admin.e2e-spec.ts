// The web console's issue-21 views in a real browser: due dates told relatively ("due in 2 hours",
// "overdue by 3 hours", "due in 24 business hours"), the admin's settings for categories'
// auto-assignment (against the real API), and the business-hours and automations pages.
//
// GET/PUT /business-hours, GET /automations and the policies' `calendar` are built on other
// branches: until they are merged, the tests of what depends on them answer those routes in the
// browser (Playwright's page.route) with the contract's shapes (API.md → Business hours, SLA
// warnings and automations). Everything else is the real app. Screenshots go to test/artifacts/.
import { Browser, Page, Route } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/users/demo-accounts';
import { setSlaClock } from '../factories/tickets';
import { login } from '../factories/users';
import { assertConsoleBuilt, ConsoleSessions, launchChromium, screenshot } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

const signInAs = async (page: Page, name: RegExp) => {
  await page.getByRole('button', { name }).click();
  await page.locator('.topbar').waitFor();
};
/** A hash route in the same page (a reload would sign out: the session lives in memory). */
const go = (page: Page, hash: string) => page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
const json = (route: Route, body: unknown, status = 200) =>
  route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

describe('web console: due dates and settings', () => {
  let browser: Browser;
  let t: TestApp;
  const sessions = new ConsoleSessions();

  beforeAll(async () => {
    assertConsoleBuilt();
    browser = await launchChromium();
    t = await startTestApp({ env: { SEED_DEMO: 'true' } });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(async () => {
    for (const session of await sessions.closeAll()) {
      expect(session.problems).toEqual([]);
      expect(session.dialogs).toEqual([]);
    }
  });

  const open = async (hash = '') => (await sessions.openConsole(browser, t.baseUrl, hash)).page;
  const demo = async (email: string) => {
    const tokens = await login(t, email, DEMO_PASSWORD);
    const [{ id }] = await t.dataSource.query(`SELECT id FROM users WHERE email = $1`, [email]);
    return { token: tokens.access_token, id: id as number };
  };
  /** A ticket opened over the API by the demo requester. */
  const umasTicket = async (body: object) => {
    const uma = await demo('user@example.com');
    const res = await t.http.post(
      '/api/v1/tickets',
      { title: `Ticket ${Date.now()}`, description: 'Something is broken', ...body },
      { token: uma.token },
    );
    if (res.status !== 201) throw new Error(`ticket create failed: ${res.status} ${res.text}`);
    return res.body as { id: number; assignee: { id: number } | null };
  };
  /** A ticket with its due dates set relative to now. */
  const ticketDue = async (priority: string, firstResponseDueAt: string, resolutionDueAt: string) => {
    const ticket = await umasTicket({ priority });
    await setSlaClock(t, ticket.id, { firstResponseDueAt, resolutionDueAt });
    return ticket.id;
  };

  it('tells an agent the due dates relatively, in wall-clock time for a 24x7 policy', async () => {
    const id = await ticketDue('high', '2 hours 10 minutes', '-3 hours -5 minutes');
    const page = await open();
    await signInAs(page, /Alan Agent/);
    await go(page, `#/tickets/${id}`);
    await page.locator('.due-first-response', { hasText: 'due in 2 hours' }).waitFor();
    await page.locator('.due-resolution', { hasText: 'overdue by 3 hours' }).waitFor();
    expect(await page.locator('.facts').textContent()).not.toContain('business');
    // The queue's column says the same.
    await go(page, '#/tickets');
    await page.locator(`tr[data-ticket-id="${id}"]`, { hasText: 'overdue by 3 hours' }).waitFor();
  });

  it('counts business hours when the priority’s policy uses the business calendar (routes stubbed)', async () => {
    // 48 wall-clock hours ahead over 09–21 every day in a zone without DST: 24 business hours, whenever now is.
    const id = await ticketDue('low', '48 hours', '-2 hours');
    const page = await open();
    await page.route('**/api/v1/sla-policies', (route) =>
      json(route, {
        items: ['low', 'medium', 'high', 'urgent'].map((priority) => ({
          priority,
          first_response_minutes: 60,
          resolution_minutes: 240,
          calendar: priority === 'low' ? 'business_hours' : '24x7',
          warn_before_minutes: 0,
        })),
      }),
    );
    const day = [['09:00', '21:00']];
    await page.route('**/api/v1/business-hours', (route) =>
      json(route, {
        timezone: 'Asia/Tokyo',
        week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
        holidays: [],
      }),
    );
    await signInAs(page, /Alan Agent/);
    await go(page, `#/tickets/${id}`);
    await page.locator('.due-first-response', { hasText: 'due in 24 business hours' }).waitFor();
    // Overdue by 2 wall-clock hours: between 0 and 2 business hours, whatever the time of day.
    expect(await page.locator('.due-resolution').textContent()).toMatch(/^overdue by \d+ business (minutes?|hours?)$/);
    await screenshot(page, 'ticket-business-due');
  });

  it('lets an admin set a category’s auto-assignment, which new tickets then follow', async () => {
    const admin = await demo('admin@example.com');
    const agentId = (await demo('agent@example.com')).id;
    const created = await t.http.post('/api/v1/categories', { name: `Hardware ${Date.now()}` }, { token: admin.token });
    const category = created.body as { id: number; name: string };

    const page = await open();
    await signInAs(page, /Ada Admin/);
    await page.getByRole('link', { name: 'Settings' }).click();
    const form = page.locator(`form[data-category-id="${category.id}"]`);
    await form.waitFor();
    // Round robin over nobody: the server's 422 is shown and nothing is stored.
    await form.locator('select[name="assignment"]').selectOption('round_robin');
    await form.getByRole('button', { name: 'Save' }).click();
    await form
      .getByRole('alert')
      .getByText(/agent_ids/)
      .waitFor();
    const [before] = await t.dataSource.query(`SELECT assignment FROM categories WHERE id = $1`, [category.id]);
    expect(before.assignment).toBe('none');

    await form.locator(`input[name="agent"][value="${agentId}"]`).check();
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Saved.').waitFor();
    await screenshot(page, 'settings-categories');
    const [row] = await t.dataSource.query(`SELECT assignment, agent_ids FROM categories WHERE id = $1`, [category.id]);
    expect(row).toEqual({ assignment: 'round_robin', agent_ids: [agentId] });

    const ticket = await umasTicket({ category_id: category.id });
    expect(ticket.assignee?.id).toBe(agentId);
  });

  it('edits the business hours and shows the API’s 400 details beside the form (route stubbed)', async () => {
    const page = await open();
    const puts: unknown[] = [];
    await page.route('**/api/v1/business-hours', async (route) => {
      if (route.request().method() === 'GET') {
        return json(route, {
          timezone: 'Europe/Berlin',
          week: { mon: [['09:00', '17:00']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
          holidays: ['2026-12-25'],
        });
      }
      const body = route.request().postDataJSON();
      puts.push(body);
      if (puts.length === 1) {
        return json(
          route,
          {
            error: {
              code: 'VALIDATION_FAILED',
              message: 'Invalid business hours',
              details: { 'week.mon': ['intervals overlap'] },
              request_id: 'test',
            },
          },
          400,
        );
      }
      return json(route, body);
    });
    await signInAs(page, /Ada Admin/);
    await go(page, '#/admin/business-hours');
    const opens = page.getByLabel('Monday interval 1 opens');
    await opens.waitFor();
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    expect(await page.getByLabel(/Holidays/).inputValue()).toBe('2026-12-25');

    // A second Monday interval that overlaps the first: the server refuses, the page says where.
    await page.getByRole('button', { name: 'Add Monday interval' }).click();
    await page.getByLabel('Monday interval 2 opens').fill('12:00');
    await page.getByLabel('Monday interval 2 closes').fill('18:00');
    await page.getByRole('button', { name: 'Save business hours' }).click();
    const problems = page.getByRole('alert', { name: 'Problems' });
    await problems.locator('[data-field="week.mon"]', { hasText: 'intervals overlap' }).waitFor();
    await screenshot(page, 'settings-business-hours-error');

    await page.getByRole('button', { name: 'Remove Monday interval 2' }).click();
    await page.getByRole('button', { name: 'Add Tuesday interval' }).click();
    await page.getByLabel('Time zone').fill('America/New_York');
    await page.getByLabel(/Holidays/).fill('2026-12-25\n2027-01-01');
    await page.getByRole('button', { name: 'Save business hours' }).click();
    await page.getByText('Saved.').waitFor();
    expect(await problems.count()).toBe(0);
    expect(puts[0]).toMatchObject({
      week: {
        mon: [
          ['09:00', '17:00'],
          ['12:00', '18:00'],
        ],
      },
    });
    expect(puts[1]).toEqual({
      timezone: 'America/New_York',
      week: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: ['2026-12-25', '2027-01-01'],
    });
  });

  it('lists the automations with their conditions and actions in words (route stubbed)', async () => {
    const page = await open();
    const at = new Date().toISOString();
    await page.route('**/api/v1/automations', (route) =>
      json(route, {
        items: [
          {
            id: 1,
            name: 'Close resolved tickets after 72 h',
            active: true,
            conditions: { status: ['resolved'], hours_in_status: 72 },
            actions: { status: 'closed' },
            created_at: at,
            updated_at: at,
          },
          {
            id: 2,
            name: 'Nudge urgent pending',
            active: false,
            conditions: { status: ['pending'], priority: ['urgent'], tags_none: ['vip'], hours_since_update: 0.5 },
            actions: { add_tags: ['nudged'], comment: { body: 'Any news?', is_internal: false } },
            created_at: at,
            updated_at: at,
          },
        ],
      }),
    );
    await signInAs(page, /Ada Admin/);
    await go(page, '#/admin/automations');
    const first = page.locator('tr[data-automation-id="1"]');
    await first.waitFor();
    expect(await first.locator('td').allTextContents()).toEqual([
      'Close resolved tickets after 72 h',
      'Active',
      'status Resolved; 3 days in that status',
      'set status Closed',
    ]);
    expect(await page.locator('tr[data-automation-id="2"] td').allTextContents()).toEqual([
      'Nudge urgent pending',
      'Inactive',
      'status Pending; priority Urgent; not tagged vip; 0.5 h without an update',
      'add tags nudged; reply “Any news?”',
    ]);
    await screenshot(page, 'settings-automations');
  });

  it('keeps the settings from agents', async () => {
    const page = await open();
    await signInAs(page, /Alan Agent/);
    expect(await page.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    await go(page, '#/admin/automations');
    await page.getByText('There is no such page.').waitFor();
  });
});
