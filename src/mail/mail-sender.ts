import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { createTransport } from 'nodemailer';
import { mailConfig, workerConfig } from '../config';
import { SendMailJob } from '../queues/queues';

// A relay that stops answering fails the attempt within seconds (BullMQ retries it) instead of
// holding a worker slot for nodemailer's defaults: 2 min to connect, 10 min of socket silence.
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 20_000;

/**
 * Delivers one email over SMTP (`SMTP_URL`), or, when SMTP_URL is unset, writes a log line
 * naming its recipient and subject instead. Bodies are never logged: they carry reset tokens and
 * verification codes. Errors propagate, so the caller (the mail processor) gets BullMQ's retries.
 */
@Injectable()
export class MailSender implements OnApplicationShutdown {
  private readonly logger = new Logger(MailSender.name);
  private readonly transport;

  constructor(
    @Inject(mailConfig.KEY) config: ConfigType<typeof mailConfig>,
    @Inject(workerConfig.KEY) workers: ConfigType<typeof workerConfig>,
  ) {
    this.transport = config.smtpUrl
      ? createTransport(
          {
            url: config.smtpUrl,
            // One pooled connection per concurrent job: no TCP/TLS handshake per email.
            pool: true,
            maxConnections: workers.mailConcurrency,
            connectionTimeout: CONNECTION_TIMEOUT_MS,
            greetingTimeout: GREETING_TIMEOUT_MS,
            socketTimeout: SOCKET_TIMEOUT_MS,
          },
          { from: config.from },
        )
      : undefined;
  }

  async send(message: SendMailJob): Promise<void> {
    const { to, subject, text, html, requestId, messageId, inReplyTo, references, replyTo, autoSubmitted } = message;
    if (!this.transport) {
      this.logger.log({ to, subject, requestId, messageId }, 'SMTP_URL is unset: email logged instead of sent');
      return;
    }
    const info = await this.transport.sendMail({
      to,
      subject,
      text,
      html,
      // A retried job sends the same Message-ID, so a receiver that got the first attempt dedupes it.
      messageId,
      inReplyTo,
      references,
      replyTo,
      headers: autoSubmitted ? { 'Auto-Submitted': autoSubmitted } : undefined,
    });
    this.logger.debug({ messageId: info.messageId, requestId }, 'Email sent');
  }

  /**
   * Runs after MailProcessor's own shutdown hook (it depends on us, and Nest stops dependents
   * first), so the worker has finished its running jobs and no delivery is cut short here.
   */
  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
