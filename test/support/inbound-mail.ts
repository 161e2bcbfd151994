// Sending mail to a test app the two ways the contract allows: over SMTP to its listener (a real
// client, nodemailer), and over HTTP to POST /api/v1/inbound/email with the HMAC signature.
import { createHmac } from 'node:crypto';
import { createTransport, SendMailOptions } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { InboundSmtpServer } from '../../src/email/inbound/inbound-smtp.server';
import type { TestApp } from './test-app';

/** The secret tests configure for HTTP ingest (INBOUND_SECRET). */
export const TEST_INBOUND_SECRET = 'test-inbound-secret-0123456789';

/** The listener's port of an app started with workers. */
export function smtpPortOf(app: TestApp): number {
  const address = app.app.get(InboundSmtpServer).address();
  if (!address) throw new Error('The test app has no SMTP listener (start it with workers: true)');
  return address.port;
}

export interface SmtpDelivery {
  /** The server's final answer to DATA, e.g. `250 2.0.0 created`. */
  response: string;
  messageId: string;
}

/**
 * Sends one message through a real SMTP session (a new connection each time, so concurrent calls
 * really are concurrent sessions). Rejects with nodemailer's error (its `responseCode`) on a 4xx/5xx.
 */
export async function sendToDesk(app: TestApp, mail: SendMailOptions): Promise<SmtpDelivery> {
  const transport = createTransport({ host: '127.0.0.1', port: smtpPortOf(app), secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail({ to: 'support@localhost', ...mail });
    return { response: info.response, messageId: info.messageId };
  } finally {
    transport.close();
  }
}

/** The raw RFC 5322 bytes nodemailer would send for `mail`. */
export function composeRaw(mail: SendMailOptions): Promise<Buffer> {
  return new MailComposer({ to: 'support@localhost', ...mail }).compile().build();
}

export function signatureOf(body: Buffer, secret = TEST_INBOUND_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** POST /api/v1/inbound/email with `raw`, signed with `secret` unless a signature is given. */
export async function ingestOverHttp(
  app: TestApp,
  raw: Buffer,
  options: { signature?: string | null; secret?: string; contentType?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'message/rfc822' };
  const signature = options.signature === undefined ? signatureOf(raw, options.secret) : options.signature;
  if (signature !== null) headers['x-inbound-signature'] = signature;
  const response = await fetch(`${app.baseUrl}/api/v1/inbound/email`, { method: 'POST', headers, body: raw });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
