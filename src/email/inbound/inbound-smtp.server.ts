// The built-in SMTP listener (INBOUND_SMTP_PORT), in every process that runs the workers. It takes
// mail for SUPPORT_ADDRESS and its plus-addresses only (550 at RCPT for anything else), advertises
// and enforces INBOUND_MAX_BYTES (552), and answers the end of DATA with 250 only once the message
// is committed (or known already): a sender whose connection breaks before that retries, and the
// retry is recognised by its Message-ID. A temporary failure (the database away) is a 451, never a
// 5xx, so nothing is bounced for a fault of ours.
import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import type { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { loggable } from '../../common/filters/all-exceptions.filter';
import { emailConfig } from '../../config';
import { isSupportRecipient } from '../reply-address';
import { MessageTooLargeError, UnprocessableMessageError } from './inbound-message';
import { InboundMailService } from './inbound-mail.service';

/** Recipients one message may have (all of them the desk's): more is a 452, the sender splits. */
const MAX_RECIPIENTS = 20;
/** Sessions still open this long after shutdown began are cut (their messages are retried). */
const CLOSE_GRACE_MS = 5_000;

type SmtpCallback = (error?: Error | null, message?: string) => void;

/** An error smtp-server sends as `<code> <message>`. */
function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

@Injectable()
export class InboundSmtpServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(InboundSmtpServer.name);
  private server: SMTPServer | undefined;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly inbound: InboundMailService,
    @Inject(emailConfig.KEY) private readonly config: ConfigType<typeof emailConfig>,
  ) {}

  /** Where it listens (port 0 in the configuration becomes the port picked); null when off. */
  address(): { host: string; port: number } | null {
    const address = this.server?.server.address() as AddressInfo | null | undefined;
    return address ? { host: address.address, port: address.port } : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.inboundSmtpPort;
    if (port === undefined) return;
    const server = new SMTPServer({
      name: this.config.supportDomain,
      banner: 'help desk',
      size: this.config.inboundMaxBytes,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      hideSTARTTLS: true,
      maxClients: this.config.smtpMaxClients,
      socketTimeout: this.config.smtpSocketTimeoutMs,
      closeTimeout: CLOSE_GRACE_MS,
      logger: false,
      onRcptTo: (address, session, callback) => this.onRcptTo(address.address, session, callback),
      onData: (stream, session, callback) => this.onData(stream, session, callback),
    });
    server.on('error', (error: Error) => this.logger.warn({ err: error }, 'SMTP listener: connection error'));
    try {
      await new Promise<void>((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(port, this.config.inboundSmtpHost, () => {
          server.server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      // Several worker processes on one host share one configured port: one listens, the rest
      // still work the queues. Say so loudly; do not stop the process.
      this.logger.error(
        { err: error, port, host: this.config.inboundSmtpHost },
        'SMTP listener could not start (INBOUND_SMTP_PORT in use?); this process receives no mail',
      );
      return;
    }
    this.server = server;
    this.logger.log({ ...this.address(), supportAddress: this.config.supportAddress }, 'SMTP listener ready');
  }

  /** Stops accepting, lets messages being processed commit, then closes the sessions left. */
  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.allSettled([...this.inFlight]);
    await closed;
  }

  private onRcptTo(address: string, session: SMTPServerSession, callback: SmtpCallback): void {
    if (!isSupportRecipient(address.toLowerCase(), this.config)) {
      return callback(smtpError(550, `5.1.1 <${address.slice(0, 254)}>: no such mailbox here`));
    }
    if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) {
      return callback(smtpError(452, '4.5.3 Too many recipients'));
    }
    callback();
  }

  private onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: SmtpCallback): void {
    const mailFrom = session.envelope.mailFrom;
    const work = this.inbound
      .ingest(stream, {
        via: 'smtp',
        mailFrom: mailFrom ? mailFrom.address.toLowerCase() : '',
        recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
        traceId: session.id,
      })
      .then(
        (result) => callback(null, `2.0.0 ${result.status}`),
        async (error: unknown) => {
          // The rest of the message must be read before the answer, or the session stalls.
          if (!stream.readableEnded && !stream.destroyed) {
            const ended = new Promise((resolve) => stream.once('end', resolve).once('close', resolve));
            stream.resume();
            await ended;
          }
          callback(this.refusal(error, session));
        },
      );
    this.inFlight.add(work);
    // Nothing above should throw; if it did, a log line, never an unhandled rejection.
    void work
      .catch((error: unknown) => this.logger.error({ err: loggable(error), session: session.id }, 'SMTP DATA failed'))
      .finally(() => this.inFlight.delete(work));
  }

  private refusal(error: unknown, session: SMTPServerSession): Error {
    if (error instanceof MessageTooLargeError) {
      return smtpError(552, `5.3.4 Message larger than ${error.maxBytes} bytes`);
    }
    if (error instanceof UnprocessableMessageError) {
      this.logger.warn({ session: session.id, reason: error.message }, 'Inbound email refused');
      return smtpError(550, `5.6.0 ${error.message}`);
    }
    // loggable(): a database error carries its query's parameters (the message's text).
    this.logger.error(
      { err: loggable(error), session: session.id },
      'Inbound email could not be processed; sender will retry',
    );
    return smtpError(451, '4.3.0 Temporary failure, try again later');
  }
}
