// The API with STORAGE_DRIVER=s3 against a real S3-protocol server (s3rver, started here): upload,
// identical bytes stored once, ranged download, 413 leaving nothing, delete removing the object.
// The driver's own contract is test/e2e/object-storage.e2e-spec.ts; the local driver serves every other spec.
import { makeTicket } from '../factories/tickets';
import { makeAdmin } from '../factories/users';
import { expectError } from '../support/assertions';
import { pngBytes, sha256Hex, textBytes } from '../support/file-bytes';
import { sendBinary, uploadFiles } from '../support/multipart';
import { TestS3Server } from '../support/s3-server';
import { startTestApp, TestApp } from '../support/test-app';

const BUCKET = 'attachments';

describe('attachments on S3', () => {
  let s3: TestS3Server;
  let t: TestApp;

  beforeAll(async () => {
    s3 = await TestS3Server.start();
    await s3.createBucket(BUCKET);
    t = await startTestApp({ env: { ...s3.env(BUCKET), ATTACHMENT_MAX_BYTES: String(64 * 1024) } });
  });
  afterAll(async () => {
    await t?.close();
    await s3?.stop();
  });

  it('stores identical bytes once under their digest, serves them ranged, and removes them with the last row', async () => {
    const admin = await makeAdmin(t);
    const ticket = await makeTicket(t, admin);
    const png = pngBytes({ padding: 5_000 });
    const upload = await uploadFiles(
      t.baseUrl,
      ticket.id,
      [
        { data: png, filename: 'a.png', contentType: 'image/png' },
        { data: png, filename: 'b.png', contentType: 'image/png' },
      ],
      { token: admin.token },
    );
    expect(upload.status).toBe(201);
    const [a, b] = upload.body.items as Array<{ id: number; sha256: string; content_type: string }>;
    expect([a.sha256, b.sha256]).toEqual([sha256Hex(png), sha256Hex(png)]);
    expect(a.content_type).toBe('image/png');
    expect(await s3.keys(BUCKET)).toEqual([`objects/${sha256Hex(png)}`]);

    const whole = await sendBinary(t.baseUrl, 'GET', `/api/v1/attachments/${a.id}`, undefined, { token: admin.token });
    expect(whole.status).toBe(200);
    expect(whole.bytes.equals(png)).toBe(true);
    const part = await sendBinary(t.baseUrl, 'GET', `/api/v1/attachments/${b.id}`, undefined, {
      token: admin.token,
      headers: { range: 'bytes=100-199' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${png.length}`);
    expect(part.bytes.equals(png.subarray(100, 200))).toBe(true);

    expect((await t.http.delete(`/api/v1/attachments/${a.id}`, { token: admin.token })).status).toBe(204);
    expect(await s3.keys(BUCKET)).toEqual([`objects/${sha256Hex(png)}`]);
    expect((await t.http.delete(`/api/v1/attachments/${b.id}`, { token: admin.token })).status).toBe(204);
    expect(await s3.keys(BUCKET)).toEqual([]);
  });

  it('answers 413 for a file over the limit and leaves no object or temporary in the bucket', async () => {
    const admin = await makeAdmin(t);
    const ticket = await makeTicket(t, admin);
    const before = await s3.keys(BUCKET);
    const res = await uploadFiles(
      t.baseUrl,
      ticket.id,
      [
        { data: textBytes(1_000), filename: 'small.txt' },
        { data: textBytes(64 * 1024 + 1), filename: 'big.txt' },
      ],
      { token: admin.token },
    );
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(await s3.keys(BUCKET)).toEqual(before);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM attachments WHERE ticket_id = $1`, [
      ticket.id,
    ]);
    expect(n).toBe(0);
  });
});
