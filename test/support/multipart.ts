// multipart/form-data for the attachments routes: bodies as a client builds them (FormData and
// Blob through fetch, a fresh boundary each time), bodies assembled byte by byte for malformed
// cases (a part without a filename, raw bytes in a filename), and responses kept as bytes.
import { randomBytes } from 'node:crypto';
import { HttpResponse } from './http-client';

export interface FilePart {
  data: Buffer;
  /** Omitted: a part with no filename at all (raw bodies only; FormData always names a file). */
  filename?: string;
  /** The client's claim; the API must not believe it alone. */
  contentType?: string;
  /** The form field; `file` unless given. */
  name?: string;
}

export interface FormOptions {
  /** Text fields (e.g. `is_internal`), sent before the files unless `fieldsLast`. */
  fields?: Record<string, string>;
  fieldsLast?: boolean;
}

/** A form as a browser builds it: files as Blobs with their claimed type, text fields as strings. */
export function uploadForm(files: FilePart[], { fields = {}, fieldsLast = false }: FormOptions = {}): FormData {
  const form = new FormData();
  const addFields = () => Object.entries(fields).forEach(([name, value]) => form.append(name, value));
  if (!fieldsLast) addFields();
  for (const file of files) {
    const blob = new Blob([file.data], { type: file.contentType ?? 'application/octet-stream' });
    form.append(file.name ?? 'file', blob, file.filename ?? 'file.bin');
  }
  if (fieldsLast) addFields();
  return form;
}

export type RawPart =
  | { kind: 'field'; name: string; value: string }
  | {
      kind: 'file';
      name?: string;
      /** Written into `filename="…"` as raw UTF-8 bytes, unescaped; omitted: no filename parameter. */
      filename?: string;
      /** Omitted: no Content-Type header on the part. */
      contentType?: string;
      data: Buffer;
    };

/** A multipart body written byte by byte, for what FormData will not produce. */
export function rawMultipart(parts: RawPart[], boundary = `----test${randomBytes(12).toString('hex')}`) {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.kind === 'field' ? part.name : (part.name ?? 'file')}"`;
    if (part.kind === 'file') {
      if (part.filename !== undefined) head += `; filename="${part.filename}"`;
      if (part.contentType !== undefined) head += `\r\nContent-Type: ${part.contentType}`;
    }
    chunks.push(Buffer.from(`${head}\r\n\r\n`, 'utf8'));
    chunks.push(part.kind === 'field' ? Buffer.from(part.value, 'utf8') : part.data);
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}`, boundary };
}

export interface BinaryResponse extends HttpResponse {
  bytes: Buffer;
}

export interface SendOptions {
  token?: string;
  headers?: Record<string, string>;
}

/** Any request through fetch, the answer kept as bytes (and parsed when it is JSON). */
export async function sendBinary(
  baseUrl: string,
  method: string,
  path: string,
  body?: FormData | Buffer,
  { token, headers = {} }: SendOptions = {},
): Promise<BinaryResponse> {
  const allHeaders: Record<string, string> = { ...headers };
  if (token) allHeaders.authorization = `Bearer ${token}`;
  const response = await fetch(baseUrl + path, { method, headers: allHeaders, body });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString('utf8');
  let parsed: unknown = undefined;
  if (text && (response.headers.get('content-type') ?? '').includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined; // the caller's assertions see `text` and fail on the shape
    }
  }
  return { status: response.status, headers: response.headers, body: parsed, text, bytes };
}

export interface UploadOptions extends FormOptions, SendOptions {}

/** POST /tickets/:id/attachments with a FormData body (a fresh boundary each call). */
export function uploadFiles(
  baseUrl: string,
  ticketId: number,
  files: FilePart[],
  { token, headers, ...form }: UploadOptions = {},
): Promise<BinaryResponse> {
  return sendBinary(baseUrl, 'POST', `/api/v1/tickets/${ticketId}/attachments`, uploadForm(files, form), {
    token,
    headers,
  });
}

/** POST /tickets/:id/attachments with a body from `rawMultipart` (or any bytes and content type). */
export function uploadRaw(
  baseUrl: string,
  ticketId: number,
  { body, contentType }: { body: Buffer; contentType: string },
  { token, headers = {} }: SendOptions = {},
): Promise<BinaryResponse> {
  return sendBinary(baseUrl, 'POST', `/api/v1/tickets/${ticketId}/attachments`, body, {
    token,
    headers: { 'content-type': contentType, ...headers },
  });
}
