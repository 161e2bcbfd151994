// Uploads through the API (multipart built by fetch's FormData), and attachment states the API does not reach.
import { HttpResponse } from '../support/http-client';
import { TestApp } from '../support/test-app';

export interface UploadFile {
  name: string;
  bytes: Uint8Array | string;
  type?: string;
}

export interface UploadOptions {
  isInternal?: boolean;
  idempotencyKey?: string;
}

/** POST /tickets/:id/attachments with `files` as `file` parts. */
export async function uploadFiles(
  t: TestApp,
  token: string,
  ticketId: number,
  files: UploadFile[],
  options: UploadOptions = {},
): Promise<HttpResponse> {
  const form = new FormData();
  for (const file of files) {
    const bytes = typeof file.bytes === 'string' ? new TextEncoder().encode(file.bytes) : file.bytes;
    form.append(
      'file',
      new Blob([bytes as Uint8Array<ArrayBuffer>], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    );
  }
  if (options.isInternal !== undefined) form.append('is_internal', String(options.isInternal));
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(`${t.baseUrl}/api/v1/tickets/${ticketId}/attachments`, {
    method: 'POST',
    headers,
    body: form,
  });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined;
  return { status: response.status, headers: response.headers, body: json, text };
}

/** One small text file as the only attachment; its JSON. */
export async function makeAttachment(
  t: TestApp,
  token: string,
  ticketId: number,
  options: UploadOptions & { name?: string; content?: string } = {},
): Promise<{ id: number; sha256: string }> {
  const res = await uploadFiles(
    t,
    token,
    ticketId,
    [{ name: options.name ?? 'notes.txt', bytes: options.content ?? `attachment ${Math.random()}` }],
    options,
  );
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${res.text}`);
  return res.body.items[0];
}
