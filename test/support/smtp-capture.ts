// An in-test SMTP server that keeps every message it accepts, parsed, and can be told to refuse
// or hold deliveries (to test retries and graceful shutdown).
import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerDataStream } from 'smtp-server';
import { waitFor } from './assertions';

export interface CapturedMail {
  from: string;
  /** The To header, as text ("a@x.test, B <b@x.test>"). */
  to: string;
  /** The envelope recipients (RCPT TO), which is where the message really went. */
  envelopeTo: string[];
  subject: string;
  text: string;
  html?: string;
  /** Threading headers, with angle brackets as sent (`<id@domain>`); References oldest first. */
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  /** The Reply-To header, as text. */
  replyTo?: string;
  /** Header values by lower-cased name (structured ones, like addresses, as their text). */
  headers: Record<string, string>;
}

export interface HeldDelivery {
  /** Resolves when a message's DATA has been received and is being held. */
  reached: Promise<void>;
  /** Lets the held message be accepted. */
  release(): void;
}

export interface SmtpCapture {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  /** Accepted messages, in arrival order. */
  messages: CapturedMail[];
  /** How many deliveries were refused by `failNextDeliveries`. */
  rejected: number;
  /** Polls until `count` accepted messages match `predicate` (all by default); returns them. */
  waitForMessages(
    count: number,
    predicate?: (mail: CapturedMail) => boolean,
    timeoutMs?: number,
  ): Promise<CapturedMail[]>;
  /** Refuses the next `n` messages at the end of DATA with `451 4.3.0` (a temporary failure). */
  failNextDeliveries(n: number): void;
  /** Holds the next message at the end of DATA until `release()` is called. */
  holdNextDelivery(): HeldDelivery;
  close(): Promise<void>;
}

/** A parsed header's value as text: addresses by their text, `value; params` headers by their value. */
function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  const structured = value as { text?: unknown; value?: unknown };
  if (typeof structured.text === 'string') return structured.text;
  if (typeof structured.value === 'string') return structured.value;
  return String(value);
}

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const messages: CapturedMail[] = [];
  let failuresLeft = 0;
  const holds: Array<{ reached: () => void; released: Promise<void> }> = [];

  const capture: SmtpCapture = {
    url: '',
    messages,
    rejected: 0,
    waitForMessages: (count, predicate = () => true, timeoutMs = 15_000) =>
      waitFor(
        () => {
          const matching = messages.filter(predicate);
          return matching.length >= count ? matching : undefined;
        },
        { timeoutMs, intervalMs: 20 },
      ) as Promise<CapturedMail[]>,
    failNextDeliveries(n) {
      failuresLeft = n;
    },
    holdNextDelivery() {
      let reached!: () => void;
      let release!: () => void;
      const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      holds.push({ reached, released });
      return { reached: reachedPromise, release };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const server = new SMTPServer({
    authOptional: true,
    // Accept AUTH over plain text too, so an SMTP_URL with credentials works against the capture.
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Clients with pooled connections are dropped quickly when the test closes the capture.
    closeTimeout: 100,
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        void (async () => {
          if (failuresLeft > 0) {
            failuresLeft--;
            capture.rejected++;
            const error = Object.assign(new Error('4.3.0 Temporary failure, try again later'), { responseCode: 451 });
            return callback(error);
          }
          const hold = holds.shift();
          if (hold) {
            hold.reached();
            await hold.released;
          }
          const parsed = await simpleParser(Buffer.concat(chunks));
          messages.push({
            from: parsed.from?.text ?? '',
            to:
              (Array.isArray(parsed.to) ? parsed.to.map((address) => address.text).join(', ') : parsed.to?.text) ?? '',
            envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: parsed.html === false ? undefined : parsed.html,
            messageId: parsed.messageId,
            inReplyTo: parsed.inReplyTo,
            references: parsed.references === undefined ? [] : [parsed.references].flat(),
            replyTo: parsed.replyTo?.text,
            headers: Object.fromEntries([...parsed.headers].map(([name, value]) => [name, headerText(value)])),
          });
          callback();
        })().catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  capture.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return capture;
}
