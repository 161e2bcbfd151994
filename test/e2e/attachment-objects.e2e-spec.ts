// Stored objects next to the rows that name them: the orphan sweep (what housekeeping removes after
// 24 h and what it must keep), and the races between uploads of the same bytes, deletes and
// comments taking the same file, proven by running them concurrently and checking the outcome.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { AttachmentObjects } from '../../src/attachments/attachment-objects';
import { OBJECT_STORAGE, ObjectStorage } from '../../src/attachments/storage/object-storage';
import { HousekeepingService } from '../../src/housekeeping/housekeeping.service';
import { makeAttachment } from '../factories/attachment-uploads';
import { makeTicket } from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser } from '../factories/users';
import { waitFor } from '../support/assertions';
import { uploadFiles } from '../support/multipart';
import { startTestApp, TestApp, testEnv } from '../support/test-app';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const textFile = (text: string, filename = 'notes.txt') => ({
  data: Buffer.from(text),
  filename,
  contentType: 'text/plain',
});

describe('attachment objects', () => {
  let t: TestApp;
  let storage: ObjectStorage;
  let storageDir: string;

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    storage = t.app.get<ObjectStorage>(OBJECT_STORAGE, { strict: false });
    storageDir = testEnv({ databaseUrl: t.databaseUrl, redisKeyPrefix: t.redisKeyPrefix }).STORAGE_DIR;
  });
  afterAll(() => t.close());

  const objectPath = (digest: string) => join(storageDir, 'objects', digest.slice(0, 2), digest.slice(2, 4), digest);
  const rowsNaming = async (digest: string): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM attachments WHERE sha256 = $1`, [digest]))[0].n;

  /** An object stored as an upload does before its rows commit: what a crash in between leaves. */
  async function storeWithoutRow(text: string, ageHours: number): Promise<string> {
    const digest = sha256(text);
    await storage.promote(await storage.putTemp(Readable.from([Buffer.from(text)])), digest);
    const when = new Date(Date.now() - ageHours * 3_600_000);
    await utimes(objectPath(digest), when, when);
    return digest;
  }

  it('removes objects no row names once they are 24 h old, keeps younger ones and every named one', async () => {
    const user = await makeUser(t);
    const ticket = await makeTicket(t, user);
    const oldOrphan = await storeWithoutRow(`crashed before commit ${Math.random()}`, 25);
    const youngOrphan = await storeWithoutRow(`still committing ${Math.random()}`, 1);
    const named = await makeAttachment(t, user, ticket.id, { file: textFile(`kept ${Math.random()}`) });
    const old = new Date(Date.now() - 48 * 3_600_000);
    await utimes(objectPath(named.sha256), old, old);
    const staleTemp = await storage.putTemp(Readable.from([Buffer.from('an upload that never finished')]));
    await utimes(join(storageDir, 'tmp', staleTemp), old, old);

    await t.app.get(HousekeepingService).sweepAttachmentOrphans();

    expect(existsSync(objectPath(oldOrphan))).toBe(false);
    expect(existsSync(objectPath(youngOrphan))).toBe(true);
    expect(existsSync(objectPath(named.sha256))).toBe(true);
    expect(existsSync(join(storageDir, 'tmp', staleTemp))).toBe(false);
    const download = await t.http.get(`/api/v1/attachments/${named.id}`, { token: user.token });
    expect(download.status).toBe(200);
  });

  it('never removes an object a concurrent upload of the same bytes commits (deletes and sweeps racing)', async () => {
    const admin = await makeAdmin(t);
    const ticket = await makeTicket(t, admin);
    const objects = t.app.get(AttachmentObjects, { strict: false });
    for (let round = 0; round < 8; round++) {
      const content = `shared bytes ${round} ${Math.random()}`;
      const first = await makeAttachment(t, admin, ticket.id, { file: textFile(content) });
      // Old enough for the sweep, so only the locks keep it.
      const old = new Date(Date.now() - 48 * 3_600_000);
      await utimes(objectPath(first.sha256), old, old);
      const [deleted, uploads] = await Promise.all([
        t.http.delete(`/api/v1/attachments/${first.id}`, { token: admin.token }),
        Promise.all(
          Array.from({ length: 4 }, () =>
            uploadFiles(t.baseUrl, ticket.id, [textFile(content, 'same.txt')], { token: admin.token }),
          ),
        ),
        objects.sweepOrphans(),
      ]);
      expect(deleted.status).toBe(204);
      expect(uploads.map((res) => res.status)).toEqual([201, 201, 201, 201]);
      expect(await rowsNaming(first.sha256)).toBe(4);
      expect(existsSync(objectPath(first.sha256))).toBe(true);
      const download = await fetch(`${t.baseUrl}${uploads[0].body.items[0].url}`, {
        headers: { authorization: `Bearer ${admin.token}` },
      });
      expect(await download.text()).toBe(content);
    }
  });

  it('removes the object with the last row that names it, and not before', async () => {
    const admin = await makeAdmin(t);
    const ticket = await makeTicket(t, admin);
    const content = `twice ${Math.random()}`;
    const a = await makeAttachment(t, admin, ticket.id, { file: textFile(content) });
    const b = await makeAttachment(t, admin, ticket.id, { file: textFile(content) });
    expect(a.sha256).toBe(b.sha256);
    expect((await t.http.delete(`/api/v1/attachments/${a.id}`, { token: admin.token })).status).toBe(204);
    expect(existsSync(objectPath(a.sha256))).toBe(true);
    expect((await t.http.delete(`/api/v1/attachments/${b.id}`, { token: admin.token })).status).toBe(204);
    expect(existsSync(objectPath(a.sha256))).toBe(false);
  });

  it('gives a file to exactly one of many comments racing for it', async () => {
    const user = await makeUser(t);
    const ticket = await makeTicket(t, user);
    const file = await makeAttachment(t, user, ticket.id);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.http.post(
          `/api/v1/tickets/${ticket.id}/comments`,
          { body: `mine ${i}`, attachment_ids: [file.id] },
          { token: user.token },
        ),
      ),
    );
    const statuses = results.map((res) => res.status).sort();
    expect(statuses).toEqual([201, 422, 422, 422, 422, 422, 422, 422]);
    const [{ comment_id: commentId }] = await t.dataSource.query(`SELECT comment_id FROM attachments WHERE id = $1`, [
      file.id,
    ]);
    expect(commentId).toBe(results.find((res) => res.status === 201)!.body.id);
    // The losers wrote nothing: one comment on the ticket.
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM comments WHERE ticket_id = $1`, [
      ticket.id,
    ]);
    expect(n).toBe(1);
  });

  it("removes a deleted comment's files from every view and their object from storage", async () => {
    const [user, agent] = await Promise.all([makeUser(t), makeAgent(t)]);
    const ticket = await makeTicket(t, user);
    const file = await makeAttachment(t, user, ticket.id);
    const comment = await t.http.post(
      `/api/v1/tickets/${ticket.id}/comments`,
      { body: 'with a file', attachment_ids: [file.id] },
      { token: user.token },
    );
    expect(comment.body.attachments.map((a: { id: number }) => a.id)).toEqual([file.id]);
    const removed = await t.http.delete(`/api/v1/tickets/${ticket.id}/comments/${comment.body.id}`, {
      token: user.token,
    });
    expect(removed.status).toBe(204);
    const list = await t.http.get(`/api/v1/tickets/${ticket.id}/attachments`, { token: agent.token });
    expect(list.body.items).toEqual([]);
    expect((await t.http.get(`/api/v1/attachments/${file.id}`, { token: agent.token })).status).toBe(404);
    const thread = await t.http.get(`/api/v1/tickets/${ticket.id}/comments`, { token: agent.token });
    expect(thread.body.items[0].attachments).toEqual([]);
    // The object goes after the commit, off the request's path.
    await waitFor(() => !existsSync(objectPath(file.sha256)));
  });
});
