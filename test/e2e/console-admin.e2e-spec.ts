// The web console's issue-21 views in a real browser, against the real app: due dates told
// relatively ("due in 2 hours", "overdue by 3 hours", "due in 24 business hours" from the API's own
// due dates), the admin's settings for categories' auto-assignment, business hours and automations.
// What a test changes for the whole desk (the hours, a policy, an automation) it puts back in
// afterEach, so the tests of this file do not depend on their order. Screenshots go to test/artifacts/.
import { Browser, Page } from 'playwright-core';
import type { BusinessHoursSpec as BusinessHours, DayHours } from '../../src/sla/business-calendar';
import { SlaCalendar } from '../../src/sla/sla-policy.entity';
import type { SlaPolicyJson as SlaPolicy } from '../../src/sla/sla-policy.presenter';
import { DEMO_PASSWORD } from '../../src/users/demo-accounts';
import { setSlaClock } from '../factories/tickets';
import { login } from '../factories/users';
import { assertConsoleBuilt, ConsoleSessions, launchChromium, screenshot } from '../support/browser';
import { HttpResponse } from '../support/http-client';
import { startTestApp, TestApp } from '../support/test-app';

const HOUR = 3_600_000;
const closedWeek = (): BusinessHours['week'] => ({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });

const signInAs = async (page: Page, name: RegExp) => {
  await page.getByRole('button', { name }).click();
  await page.locator('.topbar').waitFor();
};
/** A hash route in the same page (a reload would sign out: the session lives in memory). */
const go = (page: Page, hash: string) => page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
/** The body of an answer that must have `status`. */
const expectStatus = <T>(res: HttpResponse<T>, status: number, what: string): T => {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.text}`);
  return res.body;
};

describe('web console: due dates and settings', () => {
  let browser: Browser;
  let t: TestApp;
  const sessions = new ConsoleSessions();
  /** What a test changed for the whole desk, undone after it (last change first), pass or fail. */
  const undo: Array<() => Promise<unknown>> = [];

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
    const closed = await sessions.closeAll();
    // Every undo step is tried, before any check here can fail; the first failure is then reported.
    const failures: unknown[] = [];
    for (const step of undo.splice(0).reverse()) await step().catch((error: unknown) => failures.push(error));
    for (const session of closed) {
      expect(session.problems).toEqual([]);
      expect(session.dialogs).toEqual([]);
    }
    if (failures.length) throw failures[0];
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
    return expectStatus(res, 201, 'ticket create') as {
      id: number;
      assignee: { id: number } | null;
      created_at: string;
      first_response_due_at: string;
      resolution_due_at: string;
    };
  };
  /** A ticket with its due dates set relative to now. */
  const ticketDue = async (priority: string, firstResponseDueAt: string, resolutionDueAt: string) => {
    const ticket = await umasTicket({ priority });
    await setSlaClock(t, ticket.id, { firstResponseDueAt, resolutionDueAt });
    return ticket.id;
  };
  const storedHours = async (token: string) =>
    expectStatus(await t.http.get<BusinessHours>('/api/v1/business-hours', { token }), 200, 'GET business-hours');
  /** PUT /business-hours for this test; afterEach puts back what was there. */
  const setHours = async (token: string, hours: BusinessHours) => {
    const before = await storedHours(token);
    undo.push(async () =>
      expectStatus(await t.http.put('/api/v1/business-hours', before, { token }), 200, 'restore business-hours'),
    );
    return expectStatus(await t.http.put('/api/v1/business-hours', hours, { token }), 200, 'PUT business-hours');
  };
  /** PUT /sla-policies/:priority for this test; afterEach puts back what was there. */
  const setPolicy = async (token: string, priority: string, changes: Omit<SlaPolicy, 'priority'>) => {
    const list = expectStatus(
      await t.http.get<{ items: SlaPolicy[] }>('/api/v1/sla-policies', { token }),
      200,
      'GET sla-policies',
    );
    const { priority: _, ...before } = list.items.find((policy) => policy.priority === priority)!;
    const put = (body: object, what: string) =>
      t.http.put(`/api/v1/sla-policies/${priority}`, body, { token }).then((res) => expectStatus(res, 200, what));
    undo.push(() => put(before, `restore sla-policies/${priority}`));
    return put(changes, `PUT sla-policies/${priority}`);
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

  it('counts business hours for a policy on the business calendar, agreeing with the API’s due dates', async () => {
    const admin = await demo('admin@example.com');
    // Open 09–21 every day in a zone without DST: 24 business hours are 36 to 48 wall-clock hours.
    const day: DayHours = [['09:00', '21:00']];
    const week = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
    await setHours(admin.token, { timezone: 'Asia/Tokyo', week, holidays: [] });
    await setPolicy(admin.token, 'low', {
      first_response_minutes: 24 * 60,
      resolution_minutes: 48 * 60,
      calendar: SlaCalendar.BUSINESS_HOURS,
      warn_before_minutes: 0,
    });

    // Due dates as the server computed them at creation, on that calendar.
    const ticket = await umasTicket({ priority: 'low' });
    const created = Date.parse(ticket.created_at);
    const firstResponseIn = Date.parse(ticket.first_response_due_at) - created;
    expect(firstResponseIn).toBeGreaterThanOrEqual(36 * HOUR);
    expect(firstResponseIn).toBeLessThanOrEqual(48 * HOUR);
    expect(Date.parse(ticket.resolution_due_at) - created).toBeGreaterThanOrEqual(84 * HOUR);

    const page = await open();
    await signInAs(page, /Alan Agent/);
    await go(page, `#/tickets/${ticket.id}`);
    // The console counts the business time left from the same hours: the policy's minutes, less the
    // few business seconds since creation, rounded.
    await page.locator('.due-first-response', { hasText: 'due in 24 business hours' }).waitFor();
    expect(await page.locator('.due-resolution').textContent()).toBe('due in 48 business hours');
    await screenshot(page, 'ticket-business-due');

    // Overdue by 2 wall-clock hours: between 0 and 2 business hours, whatever the time of day.
    const late = await ticketDue('low', '1 hour', '-2 hours');
    await go(page, `#/tickets/${late}`);
    await page.locator('.due-first-response', { hasText: 'due in ' }).waitFor();
    expect(await page.locator('.due-resolution').textContent()).toMatch(/^overdue by \d+ business (minutes?|hours?)$/);
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

  it('edits the business hours, shows the API’s 400 details beside the form and stores nothing then', async () => {
    const admin = await demo('admin@example.com');
    const berlin: BusinessHours = {
      timezone: 'Europe/Berlin',
      week: { ...closedWeek(), mon: [['09:00', '17:00']] },
      holidays: ['2026-12-25'],
    };
    await setHours(admin.token, berlin);

    const page = await open();
    await signInAs(page, /Ada Admin/);
    await go(page, '#/admin/business-hours');
    const opens = page.getByLabel('Monday interval 1 opens');
    await opens.waitFor();
    expect(await opens.inputValue()).toBe('09:00');
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    expect(await page.getByLabel(/Holidays/).inputValue()).toBe('2026-12-25');
    expect(await page.getByLabel('Tuesday interval 1 opens').count()).toBe(0);

    // A second Monday interval that overlaps the first: the server refuses, the page says where.
    await page.getByRole('button', { name: 'Add Monday interval' }).click();
    await page.getByLabel('Monday interval 2 opens').fill('12:00');
    await page.getByLabel('Monday interval 2 closes').fill('18:00');
    await page.getByRole('button', { name: 'Save business hours' }).click();
    const problems = page.getByRole('alert', { name: 'Problems' });
    await problems.locator('[data-field="week.mon[1]"]', { hasText: 'overlaps week.mon[0]' }).waitFor();
    await screenshot(page, 'settings-business-hours-error');
    expect(await storedHours(admin.token)).toEqual(berlin);

    await page.getByRole('button', { name: 'Remove Monday interval 2' }).click();
    await page.getByRole('button', { name: 'Add Tuesday interval' }).click();
    await page.getByLabel('Time zone').fill('America/New_York');
    await page.getByLabel(/Holidays/).fill('2026-12-25\n2027-01-01');
    await page.getByRole('button', { name: 'Save business hours' }).click();
    await page.getByText('Saved.').waitFor();
    expect(await problems.count()).toBe(0);
    expect(await storedHours(admin.token)).toEqual({
      timezone: 'America/New_York',
      week: { ...closedWeek(), mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] },
      holidays: ['2026-12-25', '2027-01-01'],
    });
  });

  it('lists the automations with their conditions and actions in words', async () => {
    const admin = await demo('admin@example.com');
    const created = expectStatus(
      await t.http.post(
        '/api/v1/automations',
        {
          name: 'Nudge urgent pending',
          active: false,
          conditions: { status: ['pending'], priority: ['urgent'], tags_none: ['nudged'], hours_since_update: 0.5 },
          actions: { add_tags: ['nudged'], comment: { body: 'Any news?', is_internal: false } },
        },
        { token: admin.token },
      ),
      201,
      'POST automations',
    ) as { id: number };
    undo.push(async () =>
      expectStatus(
        await t.http.delete(`/api/v1/automations/${created.id}`, { token: admin.token }),
        204,
        'DELETE automation',
      ),
    );
    const all = expectStatus(
      await t.http.get<{ items: Array<{ id: number; name: string }> }>('/api/v1/automations', { token: admin.token }),
      200,
      'GET automations',
    ).items;
    const seeded = all.find((automation) => automation.name === 'Close resolved tickets after 72 h')!;

    const page = await open();
    await signInAs(page, /Ada Admin/);
    await go(page, '#/admin/automations');
    const row = (id: number) => page.locator(`tr[data-automation-id="${id}"] td`);
    await row(created.id).first().waitFor();
    // One row per automation, the seeded ones included.
    expect(await page.locator('tr[data-automation-id]').count()).toBe(all.length);
    expect(await row(seeded.id).allTextContents()).toEqual([
      'Close resolved tickets after 72 h',
      'Active',
      'status Resolved; 3 days in that status',
      'set status Closed',
    ]);
    expect(await row(created.id).allTextContents()).toEqual([
      'Nudge urgent pending',
      'Inactive',
      'status Pending; priority Urgent; not tagged nudged; 0.5 h without an update',
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
