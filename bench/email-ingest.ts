// Email ingest: messages received per second through the built-in SMTP listener of the production
// build (`dist/main.js` with its workers, as `npm start` runs), and the time of each SMTP
// transaction (MAIL FROM to the 250 after DATA, which the desk sends only once the message is
// committed). Every original message comes from a sender of its own and opens a ticket; a share
// of them is answered by their sender (In-Reply-To and References the original's Message-ID), sent
// once the original was accepted, and must land on the original's ticket as a comment. Then some
// messages are sent a second time with the same Message-ID: accepted, and nothing created.
// Afterwards the database must hold exactly one ticket or comment per message.
// Its own database (helpdesk_bench_email), Redis key prefix and storage directory, all removed at
// the end. Results: bench/results/email-latest.json.
// Usage: npm run bench:email -- [--messages 2000] [--concurrency 8] [--reply-percent 25] [--duplicates 100]
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createTransport } from 'nodemailer';
import { Args } from './lib/args';
import { benchApiEnv, ChildServer, freePort, repoRoot, sleep, startFlags } from './lib/api';
import { databaseUrl, dropDatabase, sql } from './lib/pg';
import { deleteKeys, REDIS_URL } from './lib/redis';
import { percentile, round } from './lib/stats';
import { gitCommit } from './run/report';

const FLAGS = ['messages', 'concurrency', 'reply-percent', 'duplicates'];
const SUPPORT_ADDRESS = 'support@bench.test';

const args = new Args();
const unknown = args.unknown(FLAGS);
if (unknown.length) throw new Error(`unknown flags: ${unknown.join(' ')} (known: --${FLAGS.join(', --')})`);
const MESSAGES = Math.round(args.number('messages', 2000));
const CONCURRENCY = Math.round(args.number('concurrency', 8));
// At most half: each original is answered at most once.
const REPLY_PERCENT = wholeNumber('reply-percent', 25, 0, 50);
const DUPLICATES = wholeNumber('duplicates', Math.min(100, MESSAGES), 0, MESSAGES);
const REPLIES = Math.round((MESSAGES * REPLY_PERCENT) / 100);
const ORIGINALS = MESSAGES - REPLIES;
const DB = 'helpdesk_bench_email';
const DB_URL = databaseUrl(DB);
const RUN = randomBytes(3).toString('hex');
const PREFIX = `bench_email_${RUN}`;

/** A whole number within [min, max]; unlike Args.number, 0 is allowed. */
function wholeNumber(name: string, fallback: number, min: number, max: number): number {
  const raw = args.string(name, String(fallback)).replace(/_/g, '');
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max} (got ${raw})`);
  }
  return value;
}

/** Original i is answered when the evenly spread REPLIES of ORIGINALS reach it: exactly REPLIES of them. */
const isAnswered = (i: number) => Math.floor(((i + 1) * REPLIES) / ORIGINALS) > Math.floor((i * REPLIES) / ORIGINALS);

const messageId = (kind: 'm' | 'r', i: number) => `<bench-${RUN}-${kind}${i}@bench.test>`;
const sender = (i: number) => `sender-${RUN}-${i}@bench.test`;

const WORDS = 'printer invoice login password screen network slow broken error again please urgent'.split(' ');
function sentence(n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(Math.random() * WORDS.length)]).join(' ');
}

interface Mail {
  kind: 'original' | 'reply' | 'duplicate';
  from: string;
  messageId: string;
  subject: string;
  text: string;
  inReplyTo?: string;
}

function original(i: number): Mail {
  return {
    kind: 'original',
    from: sender(i),
    messageId: messageId('m', i),
    subject: `Bench ${i}: ${sentence(4)}`,
    text: `Hello,\n\n${sentence(40)}.\n\nThanks,\nSender ${i}\n`,
  };
}

/** The sender answering their own message: threaded by In-Reply-To alone (no reply address, no [#id]). */
function reply(i: number): Mail {
  return {
    kind: 'reply',
    from: sender(i),
    messageId: messageId('r', i),
    inReplyTo: messageId('m', i),
    subject: `Re: Bench ${i}`,
    text: `${sentence(20)}.\n\nOn an earlier day, Sender ${i} wrote:\n> ${sentence(10)}\n`,
  };
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port (the listener is up). */
async function waitForPort(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs / 1000} s: is the SMTP listener built?`);
}

interface Sent {
  kind: Mail['kind'];
  ms: number;
  error?: string;
}

async function main() {
  await dropDatabase(DB);
  const root = mkdtempSync(join(tmpdir(), 'helpdesk-bench-email-'));
  const smtpPort = await freePort();
  const api = ChildServer.start({
    port: await freePort(),
    env: benchApiEnv(DB_URL, PREFIX, {
      REDIS_URL,
      LOG_LEVEL: 'warn',
      // The listener runs with the workers: in this process, as with `npm start`.
      WORKER_IN_PROCESS: 'true',
      SUPPORT_ADDRESS,
      INBOUND_SMTP_PORT: String(smtpPort),
      INBOUND_SMTP_HOST: '127.0.0.1',
      INBOUND_SMTP_MAX_CLIENTS: String(Math.max(50, CONCURRENCY * 2)),
      // Each sender sends one message, its reply and maybe a duplicate; the limit is not measured here.
      INBOUND_PER_SENDER_PER_HOUR: '1000000',
      // No SMTP_URL: the acknowledgements are logged, not sent (below LOG_LEVEL warn: not printed).
      SMTP_URL: '',
      STORAGE_DRIVER: 'local',
      STORAGE_DIR: join(root, 'storage'),
    }),
  });
  const transport = createTransport({
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: CONCURRENCY,
    maxMessages: Infinity,
  });
  let failed = false;
  try {
    await api.waitForHealth();
    await waitForPort(smtpPort);

    const send = async (mail: Mail): Promise<Sent> => {
      const started = performance.now();
      try {
        await transport.sendMail({
          from: mail.from,
          to: SUPPORT_ADDRESS,
          subject: mail.subject,
          text: mail.text,
          messageId: mail.messageId,
          ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo, references: [mail.inReplyTo] } : {}),
        });
        return { kind: mail.kind, ms: performance.now() - started };
      } catch (error) {
        return { kind: mail.kind, ms: performance.now() - started, error: (error as Error).message };
      }
    };

    console.log(
      `${MESSAGES} messages (${ORIGINALS} new, ${REPLIES} replies) over ${CONCURRENCY} pooled SMTP connections ` +
        `to 127.0.0.1:${smtpPort}; then ${DUPLICATES} sent again; API pid ${api.pid}`,
    );
    // CONCURRENCY senders take originals in order; one whose original is answered sends the reply
    // next, so a reply never goes out before its original was committed (250).
    const results: Sent[] = [];
    const accepted: Mail[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < ORIGINALS) {
          const i = next++;
          const first = original(i);
          const sent = await send(first);
          results.push(sent);
          if (sent.error) continue;
          accepted.push(first);
          if (!isAnswered(i)) continue;
          const answer = reply(i);
          const answered = await send(answer);
          results.push(answered);
          if (!answered.error) accepted.push(answer);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    // The same messages again (a sender's retry after a lost 250): each accepted, nothing created.
    const again = accepted.slice(0, DUPLICATES).map((mail) => ({ ...mail, kind: 'duplicate' as const }));
    const duplicateResults: Sent[] = [];
    let nextDuplicate = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (nextDuplicate < again.length) duplicateResults.push(await send(again[nextDuplicate++]));
      }),
    );

    const [rows] = await sql<{ tickets: number; comments: number; received: number; threaded: number }>(
      DB_URL,
      `SELECT (SELECT count(*)::int FROM tickets WHERE source = 'email') AS tickets,
              (SELECT count(*)::int FROM comments WHERE source = 'email') AS comments,
              (SELECT count(*)::int FROM email_messages WHERE direction = 'in') AS received,
              (SELECT count(*)::int FROM comments c JOIN tickets t ON t.id = c.ticket_id
                WHERE c.source = 'email' AND t.source = 'email') AS threaded`,
    );

    const ok = (list: Sent[]) => list.filter((sent) => !sent.error);
    const times = Float64Array.from(ok(results).map((sent) => sent.ms)).sort();
    const errors = [...results, ...duplicateResults].filter((sent) => sent.error);
    const sentOriginals = ok(results).filter((sent) => sent.kind === 'original').length;
    const sentReplies = ok(results).filter((sent) => sent.kind === 'reply').length;
    const checks = {
      // One ticket or comment, and one received record, per accepted message: none lost, none twice.
      exactlyOnce:
        rows.tickets + rows.comments === sentOriginals + sentReplies && rows.received === sentOriginals + sentReplies,
      // Every new message opened a ticket, every reply joined its original's.
      threading: rows.tickets === sentOriginals && rows.comments === sentReplies && rows.threaded === sentReplies,
      // A message sent again is accepted and creates nothing.
      duplicatesAccepted: ok(duplicateResults).length === again.length,
      noErrors: errors.length === 0,
    };
    const result = {
      bench: 'email-ingest',
      at: new Date().toISOString(),
      commit: gitCommit(),
      node: process.version,
      apiNodeFlags: startFlags(),
      cpus: cpus().length,
      messages: MESSAGES,
      concurrency: CONCURRENCY,
      sent: { originals: sentOriginals, replies: sentReplies, duplicates: ok(duplicateResults).length },
      seconds: round(seconds, 2),
      messagesPerSecond: round(ok(results).length / seconds),
      smtpMs: {
        p50: round(percentile(times, 50)),
        p90: round(percentile(times, 90)),
        p99: round(percentile(times, 99)),
        max: round(times.at(-1) ?? NaN),
      },
      database: rows,
      checks,
      errors: errors.slice(0, 20),
      notes:
        'One process (dist/main.js, workers in process, NODE_ENV=production, no SMTP_URL: replies logged). ' +
        'smtpMs: sendMail on a pooled connection, MAIL FROM to the 250 after DATA. ' +
        'messagesPerSecond: originals and replies accepted per second of the sending phase (duplicates not counted).',
    };

    console.log(
      `${result.messagesPerSecond} messages/s (${ok(results).length} in ${result.seconds} s); SMTP transaction ` +
        `p50 ${result.smtpMs.p50} ms, p90 ${result.smtpMs.p90} ms, p99 ${result.smtpMs.p99} ms, max ${result.smtpMs.max} ms`,
    );
    console.log(
      `database: ${rows.tickets} tickets + ${rows.comments} comments from email (${rows.threaded} on an email ` +
        `ticket), ${rows.received} received messages recorded; sent ${sentOriginals} new + ${sentReplies} replies, ` +
        `${ok(duplicateResults).length}/${again.length} duplicates accepted`,
    );
    for (const [name, passed] of Object.entries(checks)) console.log(`${passed ? 'ok  ' : 'FAIL'} ${name}`);
    for (const error of errors.slice(0, 5)) console.log(`  ${error.kind}: ${error.error}`);
    if (!Object.values(checks).every(Boolean)) failed = true;

    const resultsDir = join(repoRoot(), 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'email-latest.json'), JSON.stringify(result, null, 2) + '\n');
  } finally {
    transport.close();
    await api.stop();
    rmSync(root, { recursive: true, force: true });
    await dropDatabase(DB);
    await deleteKeys(PREFIX);
  }
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
