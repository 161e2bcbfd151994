// The mail pipeline end to end: MailService → BullMQ (real Redis) → MailProcessor → SMTP (an
// in-test server). Retries, the failed set, logging without SMTP and graceful shutdown.
import { Logger } from '@nestjs/common';
import { JobState, Queue } from 'bullmq';
import { MailService } from '../../src/mail/mail.service';
import { MailProcessor } from '../../src/outbox/mail.processor';
import { MAIL_ATTEMPTS, QUEUES, SendMailJob } from '../../src/queues/queues';
import { bullConnectionFromUrl, bullPrefix } from '../../src/redis/bullmq-connection';
import { waitFor } from '../support/assertions';
import { SmtpCapture, startSmtpCapture } from '../support/smtp-capture';
import { startTestApp, TestApp } from '../support/test-app';
import { randomSuffix, REDIS_URL } from '../support/test-env';

const LOG_LEVELS = ['log', 'warn', 'error', 'debug', 'verbose'] as const;

/** Every call to a Nest Logger (whatever LOG_LEVEL lets through), as [level, ...args]. */
function recordLogs(): Array<[string, ...unknown[]]> {
  const calls: Array<[string, ...unknown[]]> = [];
  for (const level of LOG_LEVELS) {
    const original = Logger.prototype[level];
    jest.spyOn(Logger.prototype, level).mockImplementation(function (this: Logger, ...args: unknown[]) {
      calls.push([level, ...args]);
      return (original as (...params: unknown[]) => void).apply(this, args);
    });
  }
  return calls;
}

/** A Queue of our own on the app's Redis namespace: what an operator would inspect. */
function mailQueueOf(t: TestApp): Queue<SendMailJob> {
  return new Queue<SendMailJob>(QUEUES.MAIL, {
    connection: bullConnectionFromUrl(REDIS_URL),
    prefix: bullPrefix(t.redisKeyPrefix),
  });
}

function waitForState(queue: Queue, jobId: string, state: JobState, timeoutMs = 20_000) {
  return waitFor(async () => (await queue.getJobState(jobId)) === state, { timeoutMs });
}

/** Nothing waiting, running or scheduled for a retry. */
function waitForIdle(queue: Queue) {
  return waitFor(async () => {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).every((count) => count === 0);
  });
}

function uniqueMessage(label: string, text = `Hello from ${label}`): SendMailJob & { jobId: string } {
  const id = `${label}-${randomSuffix()}`;
  return { jobId: id, to: `${id}@example.test`, subject: `Subject ${id}`, text, requestId: `req-${id}` };
}

describe('mail', () => {
  let smtp: SmtpCapture;
  let t: TestApp;
  let queue: Queue<SendMailJob>;
  let mail: MailService;
  let logs: Array<[string, ...unknown[]]>;

  const logsOf = (level: string, jobId: string) =>
    logs.filter(([callLevel, fields]) => callLevel === level && (fields as { jobId?: string })?.jobId === jobId);

  beforeAll(async () => {
    logs = recordLogs();
    smtp = await startSmtpCapture();
    t = await startTestApp({
      workers: true,
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Help Desk <desk@example.test>',
        MAIL_RETRY_BASE_MS: '20',
        MAIL_CONCURRENCY: '3',
      },
    });
    queue = mailQueueOf(t);
    mail = t.app.get(MailService);
  });

  afterAll(async () => {
    await queue?.close();
    await t?.close();
    await smtp?.close();
    jest.restoreAllMocks();
  });

  it('delivers an enqueued email once, from MAIL_FROM, with its subject and bodies', async () => {
    const { jobId, ...message } = uniqueMessage('plain');
    await mail.enqueue({ ...message, html: '<p>Hello <b>there</b></p>' }, { jobId });

    await smtp.waitForMessages(1, (m) => m.subject === message.subject);
    await waitForState(queue, jobId, 'completed');
    await waitForIdle(queue);
    const delivered = smtp.messages.filter((m) => m.subject === message.subject);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({
      to: message.to,
      envelopeTo: [message.to],
      subject: message.subject,
      text: message.text,
    });
    expect(delivered[0].from).toMatch(/^"?Help Desk"? <desk@example\.test>$/);
    expect(delivered[0].html).toContain('<p>Hello <b>there</b></p>');
    // Once delivered, the body (it may carry a reset token) no longer sits in Redis.
    const done = await queue.getJob(jobId);
    expect(done?.data).toEqual({ to: message.to, subject: message.subject, requestId: message.requestId, text: '' });
  });

  it('runs the worker with MAIL_CONCURRENCY', () => {
    expect(t.app.get(MailProcessor).worker.concurrency).toBe(3);
  });

  it('sends a message once however often it is enqueued under the same jobId', async () => {
    const { jobId, ...message } = uniqueMessage('dedupe');
    await Promise.all([mail.enqueue(message, { jobId }), mail.enqueue(message, { jobId })]);
    await waitForState(queue, jobId, 'completed');
    await mail.enqueue(message, { jobId });

    await waitForIdle(queue);
    expect(smtp.messages.filter((m) => m.subject === message.subject)).toHaveLength(1);
  });

  it('retries a refused delivery and then delivers exactly once', async () => {
    const { jobId, ...message } = uniqueMessage('retry');
    const rejectedBefore = smtp.rejected;
    smtp.failNextDeliveries(2);
    await mail.enqueue(message, { jobId });

    await waitForState(queue, jobId, 'completed');
    await waitForIdle(queue);
    expect(smtp.rejected - rejectedBefore).toBe(2);
    expect(smtp.messages.filter((m) => m.subject === message.subject)).toHaveLength(1);
    expect((await queue.getJob(jobId))?.attemptsMade).toBe(3);
    // One warning per refused attempt, naming the attempt and SMTP's answer.
    expect(logsOf('warn', jobId).map(([, fields]) => fields)).toEqual([
      expect.objectContaining({ attempt: 1, attempts: MAIL_ATTEMPTS, error: expect.stringContaining('451') }),
      expect.objectContaining({ attempt: 2, attempts: MAIL_ATTEMPTS, error: expect.stringContaining('451') }),
    ]);
    expect(logsOf('error', jobId)).toHaveLength(0);
  });

  it('keeps an email whose every attempt failed in the failed set, and logs it as an error', async () => {
    const secret = `reset-token-${randomSuffix()}`;
    const { jobId, ...message } = uniqueMessage('doomed', `Your token is ${secret}`);
    const rejectedBefore = smtp.rejected;
    smtp.failNextDeliveries(MAIL_ATTEMPTS);
    await mail.enqueue(message, { jobId });

    await waitForState(queue, jobId, 'failed', 30_000);
    expect(smtp.rejected - rejectedBefore).toBe(MAIL_ATTEMPTS);
    expect(smtp.messages.filter((m) => m.subject === message.subject)).toHaveLength(0);
    const failed = await queue.getFailed();
    const job = failed.find((candidate) => candidate.id === jobId);
    expect(job).toBeDefined();
    expect(job!.attemptsMade).toBe(MAIL_ATTEMPTS);
    expect(job!.failedReason).toMatch(/451/);
    expect(job!.data).toMatchObject(message);
    expect(logsOf('warn', jobId)).toHaveLength(MAIL_ATTEMPTS - 1);
    expect(logsOf('error', jobId)).toEqual([
      ['error', expect.objectContaining({ attempt: MAIL_ATTEMPTS, requestId: message.requestId }), expect.any(String)],
    ]);
    expect(JSON.stringify(logs)).not.toContain(secret);
  });

  it('logs recipient and subject, never the body, and completes the job when SMTP_URL is unset', async () => {
    const noSmtp = await startTestApp({ workers: true, env: { SMTP_URL: '' } });
    const noSmtpQueue = mailQueueOf(noSmtp);
    try {
      const secret = `123456-${randomSuffix()}`;
      const { jobId, ...message } = uniqueMessage('logged', `Your code is ${secret}`);
      await noSmtp.app.get(MailService).enqueue({ ...message, html: `<b>${secret}</b>` }, { jobId });

      await waitForState(noSmtpQueue, jobId, 'completed');
      const lines = logs.filter(([level, fields]) => level === 'log' && (fields as SendMailJob)?.to === message.to);
      expect(lines).toEqual([
        [
          'log',
          { to: message.to, subject: message.subject, requestId: message.requestId },
          expect.stringContaining('SMTP_URL is unset'),
        ],
      ]);
      expect(JSON.stringify(logs)).not.toContain(secret);
      expect(smtp.messages.filter((m) => m.subject === message.subject)).toHaveLength(0);
    } finally {
      await noSmtpQueue.close();
      await noSmtp.close();
    }
  });

  it('lets a running delivery finish before the app closes', async () => {
    const closing = await startTestApp({ workers: true, env: { SMTP_URL: smtp.url } });
    const closingQueue = mailQueueOf(closing);
    let closed = false;
    try {
      const { jobId, ...message } = uniqueMessage('shutdown');
      const held = smtp.holdNextDelivery();
      await closing.app.get(MailService).enqueue(message, { jobId });
      await held.reached;

      const worker = closing.app.get(MailProcessor).worker;
      const workerClosing = new Promise((resolve) => worker.once('closing', resolve));
      const close = closing.close().then(() => (closed = true));
      await workerClosing;
      expect(closed).toBe(false);
      held.release();
      await close;

      // Completion was recorded before the worker let go: a forced close would leave it active.
      expect(await closingQueue.getJobState(jobId)).toBe('completed');
      expect(smtp.messages.filter((m) => m.subject === message.subject)).toHaveLength(1);
    } finally {
      await closingQueue.close();
      // Closing twice would run every shutdown hook again on closed connections.
      if (!closed) await closing.close();
    }
  });
});
