// One POST of a signed webhook message to a receiver, bounded in every way a receiver could abuse:
// the address is checked and pinned (no second DNS lookup to be rebound), the whole exchange has a
// deadline, redirects are not followed, and at most 4 kB of the answer is read.
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Agent, Dispatcher, request } from 'undici';
import { ForbiddenTargetError, resolveTarget } from './webhook-targets';

/** At most this much of a response is read (for the delivery log), then the connection is dropped. */
export const MAX_RESPONSE_BYTES = 4 * 1024;
/** `last_error` is a varchar(500). */
const MAX_ERROR_CHARS = 500;

export interface SendOptions {
  url: string;
  secret: string;
  messageId: string;
  body: string;
  timeoutMs: number;
  allowPrivateTargets: boolean;
}

/** What the receiver did: answered with `status` (and maybe some text), or failed before answering. */
export interface SendOutcome {
  status: number | null;
  error: string | null;
}

/** The Standard Webhooks headers of `body`, signed now. */
export function signedHeaders(secret: string, messageId: string, body: string, at = new Date()) {
  return {
    'content-type': 'application/json',
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new StandardWebhook(secret).sign(messageId, at, body),
  };
}

/** A lookup that answers `address` whatever is asked: the connection goes where the check said. */
function pinnedLookup(address: string): LookupFunction {
  const family = isIP(address);
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as LookupFunction;
}

/** Never throws for anything the receiver (or its DNS) does; the outcome says what happened. */
export async function sendWebhook(options: SendOptions): Promise<SendOutcome> {
  const url = new URL(options.url);
  let addresses: string[];
  try {
    addresses = await resolveTarget(url.hostname, options.allowPrivateTargets);
  } catch (error) {
    if (error instanceof ForbiddenTargetError) return { status: null, error: `Target refused: ${error.message}` };
    throw error;
  }
  const agent = new Agent({
    connect: { lookup: pinnedLookup(addresses[0]), timeout: options.timeoutMs },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    // One request per agent: no connection is kept to a receiver between attempts.
    pipelining: 0,
  });
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await request(url, {
      method: 'POST',
      dispatcher: agent,
      headers: signedHeaders(options.secret, options.messageId, options.body),
      body: options.body,
      signal,
    });
    const status = response.statusCode;
    if (status >= 200 && status < 300) {
      // Delivered: nothing in the body matters, and it need not ever end.
      drop(response.body);
      return { status, error: null };
    }
    const text = await readSome(response.body);
    if (status >= 300 && status < 400) {
      const location = response.headers.location;
      return { status, error: clip(`Redirect not followed${location ? ` (to ${String(location)})` : ''}`) };
    }
    return { status, error: clip(`HTTP ${status}${text ? `: ${text}` : ''}`) };
  } catch (error) {
    return { status: null, error: clip(describe(error, signal)) };
  } finally {
    // Closes whatever the receiver left open (a body never finished, a socket kept alive).
    void agent.destroy().catch(() => undefined);
  }
}

/** Up to MAX_RESPONSE_BYTES of the body, as text; stops (and drops the stream) there or on any error. */
async function readSome(body: ResponseBody): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= MAX_RESPONSE_BYTES) break;
    }
  } catch {
    // The status is what counts; a body cut short (deadline, reset) changes nothing.
  } finally {
    drop(body);
  }
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8').replace(/\s+/g, ' ').trim();
}

type ResponseBody = Dispatcher.ResponseData['body'];

/** Closes a response body wherever it is; the abort error that destroying an unfinished one emits is expected. */
function drop(body: ResponseBody): void {
  body.on('error', () => undefined);
  body.destroy();
}

function describe(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return 'Timed out';
  const err = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.code ?? err.cause?.code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return `Timed out (${code})`;
  }
  return `${code ? `${code}: ` : ''}${err.cause?.message ?? err.message ?? String(error)}`;
}

function clip(text: string): string {
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}
