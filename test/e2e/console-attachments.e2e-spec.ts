// Attachments in the web console (/app), in a real browser against the real app: a requester attaches
// a picture while replying, sees its thumbnail and downloads the same bytes back; a staff-only file
// stays out of the requester's sight; a file over the limit gets the server's 413 message and posts
// nothing. Screenshots go to test/artifacts/.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/users/demo-accounts';
import { login } from '../factories/users';
import { assertConsoleBuilt, ConsoleSessions, launchChromium, screenshot } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

/** Small, so the too-large case needs no big buffer; the picture stays far below it. */
const MAX_BYTES = 64 * 1024;

const signInAs = async (page: Page, name: RegExp) => {
  await page.getByRole('button', { name }).click();
  await page.locator('.topbar').waitFor();
};
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A real width×height RGB PNG (a colour gradient), made here rather than kept as a binary fixture. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  const rows = Buffer.alloc((width * 3 + 1) * height); // each row: filter byte 0, then the pixels
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      rows[at] = Math.floor((x * 255) / width);
      rows[at + 1] = Math.floor((y * 255) / height);
      rows[at + 2] = 160;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('web console attachments', () => {
  let browser: Browser;
  let t: TestApp;
  const sessions = new ConsoleSessions();

  beforeAll(async () => {
    assertConsoleBuilt();
    browser = await launchChromium();
    t = await startTestApp({ env: { SEED_DEMO: 'true', ATTACHMENT_MAX_BYTES: String(MAX_BYTES) } });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  // Under /app's strict CSP nothing may be refused (thumbnails included) and nothing may throw.
  afterEach(async () => {
    for (const session of await sessions.closeAll()) {
      expect(session.problems).toEqual([]);
      expect(session.dialogs).toEqual([]);
    }
  });

  const open = async (hash = '') => (await sessions.openConsole(browser, t.baseUrl, hash)).page;
  /** A ticket of the demo requester (Uma User), opened over the API. */
  const umasTicket = async (title: string) => {
    const uma = await login(t, 'user@example.com', DEMO_PASSWORD);
    const res = await t.http.post(
      '/api/v1/tickets',
      { title, description: 'The screen flickers since the update.' },
      { token: uma.access_token },
    );
    expect(res.status).toBe(201);
    return { id: res.body.id as number, token: uma.access_token };
  };
  const isPost = (page: Page, path: string) =>
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path);

  it('lets a requester attach a picture while replying: a thumbnail, and the same bytes back', async () => {
    const title = `Flickering screen ${Date.now()}`;
    const reply = 'Here is what it looks like.';
    // Small (~19 KB), yet wider than a thumbnail: the console draws it smaller.
    const picture = png(400, 40);
    const { id } = await umasTicket(title);

    const page = await open(`#/tickets/${id}`);
    await signInAs(page, /Uma User/);
    await page.locator('.ticket-title', { hasText: title }).waitFor();
    // A requester has no internal notes, hence no internal files either.
    expect(await page.getByRole('button', { name: 'Add internal note' }).count()).toBe(0);

    await page.getByLabel('Message').fill(reply);
    await page
      .getByLabel('Attach files')
      .setInputFiles({ name: 'flicker.png', mimeType: 'image/png', buffer: picture });
    await page.getByRole('list', { name: 'Files to attach' }).getByText('flicker.png').waitFor();
    const upload = isPost(page, `/api/v1/tickets/${id}/attachments`);
    const posted = isPost(page, `/api/v1/tickets/${id}/comments`);
    await page.getByRole('button', { name: 'Send reply' }).click();

    // The file first, then the comment that takes it.
    const uploaded = await upload;
    expect(uploaded.status()).toBe(201);
    const [attachment] = ((await uploaded.json()) as { items: Array<{ id: number; is_internal: boolean }> }).items;
    expect(attachment.is_internal).toBe(false);
    const comment = await posted;
    expect(comment.status()).toBe(201);
    expect(comment.request().postDataJSON()).toEqual({ body: reply, attachment_ids: [attachment.id] });

    // The comment shows the picture, decoded and drawn.
    const card = page.locator('article.comment', { hasText: reply });
    const item = card.locator(`.attachment[data-attachment-id="${attachment.id}"]`);
    const thumbnail = item.locator('.thumb img');
    await thumbnail.waitFor();
    // (test/ has no DOM types: the image is read as the two fields it has.)
    type Picture = { complete: boolean; naturalWidth: number };
    await page.waitForFunction((img) => (img as Picture).complete, await thumbnail.elementHandle());
    expect(await thumbnail.evaluate((img) => (img as unknown as Picture).naturalWidth)).toBeGreaterThan(0);
    expect(await thumbnail.getAttribute('alt')).toBe('flicker.png');
    expect(await item.locator('.size').textContent()).toMatch(/^\d+(\.\d)? (B|KB)$/);
    // It is the comment's now, not the ticket's own.
    expect(await page.locator('.description .attachment').count()).toBe(0);
    expect(await page.getByRole('list', { name: 'Files to attach' }).count()).toBe(0);
    const stored = await t.dataSource.query(
      `SELECT a.filename, a.content_type, a.size::int AS size, a.sha256, a.is_internal, c.body
         FROM attachments a JOIN comments c ON c.id = a.comment_id WHERE a.ticket_id = $1`,
      [id],
    );
    expect(stored).toEqual([
      {
        filename: 'flicker.png',
        content_type: 'image/png',
        size: picture.length,
        sha256: sha256(picture),
        is_internal: false,
        body: reply,
      },
    ]);
    await screenshot(page, 'attachments-requester');

    // Its name downloads it (fetched with the Bearer header): the same bytes under the same name.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('button', { name: 'flicker.png', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('flicker.png');
    expect(sha256(readFileSync((await download.path())!))).toBe(sha256(picture));
  });

  it("keeps an agent's internal file from the requester, in the page and over the API", async () => {
    const title = `Driver logs ${Date.now()}`;
    const note = 'Internal: the driver log, for us only.';
    const { id, token } = await umasTicket(title);

    const agent = await open(`#/tickets/${id}`);
    await signInAs(agent, /Alan Agent/);
    await agent.locator('.ticket-title', { hasText: title }).waitFor();
    await agent.getByLabel('Message').fill(note);
    await agent
      .getByLabel('Attach files')
      .setInputFiles({ name: 'driver.log', mimeType: 'text/plain', buffer: Buffer.from('GPU reset at 10:42\n') });
    const upload = isPost(agent, `/api/v1/tickets/${id}/attachments`);
    await agent.getByRole('button', { name: 'Add internal note' }).click();
    expect((await upload).status()).toBe(201);
    const noteCard = agent.locator('article.internal-note', { hasText: note });
    await noteCard.locator('.attachment').getByRole('button', { name: 'driver.log', exact: true }).waitFor();
    const [stored] = await t.dataSource.query(`SELECT is_internal, comment_id FROM attachments WHERE ticket_id = $1`, [
      id,
    ]);
    expect(stored.is_internal).toBe(true);
    expect(stored.comment_id).not.toBeNull();
    await screenshot(agent, 'attachments-agent');

    const requester = await open(`#/tickets/${id}`);
    await signInAs(requester, /Uma User/);
    await requester.locator('.ticket-title', { hasText: title }).waitFor();
    await requester.getByText('No replies yet.').waitFor();
    expect(await requester.locator('.attachment').count()).toBe(0);
    expect(await requester.getByText('driver.log').count()).toBe(0);
    const listed = await t.http.get(`/api/v1/tickets/${id}/attachments`, { token });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([]);
  });

  it("shows the server's 413 for a file over the limit, and posts nothing", async () => {
    const title = `Big file ${Date.now()}`;
    const { id } = await umasTicket(title);
    const page = await open(`#/tickets/${id}`);
    await signInAs(page, /Uma User/);
    await page.locator('.ticket-title', { hasText: title }).waitFor();

    await page.getByLabel('Message').fill('The full memory dump.');
    await page
      .getByLabel('Attach files')
      .setInputFiles({ name: 'dump.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(MAX_BYTES + 1) });
    // A browser sends the body in several bursts: the 413 must come as soon as the limit is passed,
    // not after the rest of the body or an idle timeout.
    const upload = isPost(page, `/api/v1/tickets/${id}/attachments`);
    await page.getByRole('button', { name: 'Send reply' }).click();
    const refused = await upload;
    expect(refused.status()).toBe(413);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    await page.locator('.composer .notice-error', { hasText: error.message }).waitFor();
    // The message and the file stay, to try again without the file.
    expect(await page.getByLabel('Message').inputValue()).toBe('The full memory dump.');
    await page.getByRole('list', { name: 'Files to attach' }).getByText('dump.bin').waitFor();
    await screenshot(page, 'attachments-too-large');
    const [counts] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM attachments WHERE ticket_id = $1) AS attachments,
              (SELECT count(*)::int FROM comments WHERE ticket_id = $1) AS comments`,
      [id],
    );
    expect(counts).toEqual({ attachments: 0, comments: 0 });
  });
});
