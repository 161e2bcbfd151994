// Attachments for tests: uploaded over HTTP like a client would, and put into states the API does
// not reach quickly (uploaded long ago).
import { pngBytes } from '../support/file-bytes';
import { FilePart, uploadFiles, UploadOptions } from '../support/multipart';
import { TestApp } from '../support/test-app';
import { TestUser } from './users';

export interface AttachmentJson {
  id: number;
  ticket_id: number;
  comment_id: number | null;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  is_internal: boolean;
  uploaded_by: { id: number; name: string };
  created_at: string;
  url: string;
}

let counter = 0;

/** Uploads `files` (one unique PNG unless given) and returns the created items; anything but 201 throws. */
export async function makeAttachments(
  t: TestApp,
  who: TestUser,
  ticketId: number,
  files?: FilePart[],
  options: Omit<UploadOptions, 'token'> & { internal?: boolean } = {},
): Promise<AttachmentJson[]> {
  const { internal, ...rest } = options;
  const fields = { ...rest.fields, ...(internal === undefined ? {} : { is_internal: String(internal) }) };
  const res = await uploadFiles(
    t.baseUrl,
    ticketId,
    files ?? [{ data: pngBytes(), filename: `shot-${++counter}.png`, contentType: 'image/png' }],
    { ...rest, fields, token: who.token },
  );
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${res.text}`);
  return res.body.items as AttachmentJson[];
}

export async function makeAttachment(
  t: TestApp,
  who: TestUser,
  ticketId: number,
  options: { internal?: boolean; file?: FilePart } = {},
): Promise<AttachmentJson> {
  const files = options.file ? [options.file] : undefined;
  return (await makeAttachments(t, who, ticketId, files, { internal: options.internal }))[0];
}

/** Uploaded `ago` (e.g. '16 minutes') before now, e.g. past the uploader's delete window. */
export async function backdateAttachment(t: TestApp, id: number, ago: string): Promise<void> {
  await t.dataSource.query(`UPDATE attachments SET created_at = now() - $2::interval WHERE id = $1`, [id, ago]);
}
