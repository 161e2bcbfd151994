// Attachment transfer: a maximum-size file (25 MiB) uploaded, then downloaded, through the built API
// on local storage, a few rounds: throughput, and the API process's resident set (VmRSS, sampled
// every 10 ms) while the bytes pass. The client streams both ways; the file is never one Buffer.
// Once more, a file one byte over the limit: 413 PAYLOAD_TOO_LARGE and nothing left in storage.
// Its own database (helpdesk_bench_attachments), Redis key prefix and storage directory, all removed
// at the end. Results: bench/results/attachments-latest.json.
// Usage: npm run bench:attachments -- [--rounds 3] [--size 25MiB]
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import http, { IncomingMessage } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Args } from './lib/args';
import { benchApiEnv, callApiOk, ChildServer, freePort, repoRoot, rssMiB, sleep, startFlags } from './lib/api';
import { databaseUrl, dropDatabase, sql } from './lib/pg';
import { deleteKeys, REDIS_URL } from './lib/redis';
import { round } from './lib/stats';

const MiB = 1024 * 1024;
const MB = 1_000_000;
/** ATTACHMENT_MAX_BYTES's default (the API's 25 MiB), set explicitly so the environment cannot move it. */
const MAX_BYTES = 25 * MiB;
const SAMPLE_EVERY_MS = 10;
/** Before each transfer, so the baseline is a process at rest rather than one still collecting garbage. */
const SETTLE_MS = 500;
const CHUNK_BYTES = MiB;

const args = new Args();
const unknown = args.unknown(['rounds', 'size']);
if (unknown.length) throw new Error(`unknown flags: ${unknown.join(' ')} (known: --rounds, --size)`);
const ROUNDS = Math.round(args.number('rounds', 3));
const SIZE = parseSize(args.string('size', '25MiB'));
if (SIZE > MAX_BYTES) throw new Error(`--size must be at most ${MAX_BYTES} bytes (the upload limit)`);
const DB = 'helpdesk_bench_attachments';
const DB_URL = databaseUrl(DB);
const PREFIX = `bench_attach_${randomBytes(3).toString('hex')}`;

/** `26214400`, `25MiB`, `512KiB`, `5MB`: a byte count. */
function parseSize(raw: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(|B|KiB|MiB|KB|MB)$/i.exec(raw.replace(/_/g, ''));
  if (!match) throw new Error(`--size must be bytes or <n>KiB/MiB/KB/MB (got ${raw})`);
  const unit = { '': 1, b: 1, kib: 1024, mib: MiB, kb: 1000, mb: MB }[match[2].toLowerCase()]!;
  const bytes = Math.round(Number(match[1]) * unit);
  if (bytes < 1) throw new Error(`--size must be at least one byte (got ${raw})`);
  return bytes;
}

interface RssStats {
  /** The sample just before the request, after the process had settled. */
  baselineMiB: number;
  peakMiB: number;
  deltaMiB: number;
  /** The first sample after the response was read. */
  afterMiB: number;
  samples: number;
  /** The longest gap between two samples: a busy client thread stretches it past 10 ms. */
  maxGapMs: number;
}

/** VmRSS of `pid` every 10 ms, from start() (the baseline) until stop(). */
class RssSampler {
  private readonly baseline: number;
  private peak: number;
  private samples = 1;
  private maxGap = 0;
  private last = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.baseline = rssMiB(pid);
    this.peak = this.baseline;
    this.timer = setInterval(() => this.sample(), SAMPLE_EVERY_MS);
  }

  private sample(): number {
    const now = performance.now();
    this.maxGap = Math.max(this.maxGap, now - this.last);
    this.last = now;
    const rss = rssMiB(this.pid);
    this.peak = Math.max(this.peak, rss);
    this.samples++;
    return rss;
  }

  stop(): RssStats {
    clearInterval(this.timer);
    const after = this.sample();
    return {
      baselineMiB: round(this.baseline),
      peakMiB: round(this.peak),
      deltaMiB: round(this.peak - this.baseline),
      afterMiB: round(after),
      samples: this.samples,
      maxGapMs: round(this.maxGap),
    };
  }
}

interface ClientFile {
  path: string;
  size: number;
  sha256: string;
}

/** Random bytes written to disk a chunk at a time and hashed on the way: the upload's source. */
async function makeFile(dir: string, name: string, size: number): Promise<ClientFile> {
  const path = join(dir, name);
  const hash = createHash('sha256');
  const file = await open(path, 'wx');
  try {
    for (let written = 0; written < size;) {
      const chunk = randomBytes(Math.min(CHUNK_BYTES, size - written));
      hash.update(chunk);
      await file.write(chunk);
      written += chunk.length;
    }
  } finally {
    await file.close();
  }
  return { path, size, sha256: hash.digest('hex') };
}

interface Transfer {
  status: number;
  ms: number;
  bytes: number;
  rss: RssStats;
}

interface Upload extends Transfer {
  body: unknown;
}

function readText(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.once('error', reject);
  });
}

/**
 * One `file` part, streamed from disk: the part's head, the file's chunks, the closing boundary,
 * with an exact Content-Length. Timed (and the API's RSS sampled) from just before the request
 * until the response has been read.
 */
async function upload(api: ChildServer, token: string, ticketId: number, file: ClientFile): Promise<Upload> {
  const boundary = `----bench${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="file"; filename="bench-${file.size}.bin"\r\n` +
      `Content-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  async function* body() {
    yield head;
    for await (const chunk of createReadStream(file.path, { highWaterMark: CHUNK_BYTES })) yield chunk as Buffer;
    yield tail;
  }
  await sleep(SETTLE_MS);
  const sampler = new RssSampler(api.pid);
  const started = performance.now();
  const request = http.request(`${api.base}/api/v1/tickets/${ticketId}/attachments`, {
    method: 'POST',
    agent: false,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + file.size + tail.length),
    },
  });
  const answered = new Promise<IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });
  // A write error after the answer arrived (the server closing once it has answered) is no failure.
  const sent = pipeline(Readable.from(body()), request).catch((error: Error) => error);
  let rss: RssStats | undefined;
  try {
    const response = await answered;
    const text = await readText(response);
    const ms = performance.now() - started;
    rss = sampler.stop();
    await sent;
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: kept as text for the error message
    }
    return { status: response.statusCode ?? 0, ms, bytes: file.size, rss, body: json };
  } finally {
    if (!rss) sampler.stop();
  }
}

interface Download extends Transfer {
  sha256: string;
}

/** The attachment's bytes hashed as they arrive and thrown away; timed and sampled like upload(). */
async function download(api: ChildServer, token: string, attachmentId: number): Promise<Download> {
  await sleep(SETTLE_MS);
  const sampler = new RssSampler(api.pid);
  let stopped = false;
  try {
    const started = performance.now();
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      http
        .get(`${api.base}/api/v1/attachments/${attachmentId}`, {
          agent: false,
          headers: { authorization: `Bearer ${token}` },
        })
        .once('response', resolve)
        .once('error', reject);
    });
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of response as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
    const ms = performance.now() - started;
    const rss = sampler.stop();
    stopped = true;
    return { status: response.statusCode ?? 0, ms, bytes, rss, sha256: hash.digest('hex') };
  } finally {
    if (!stopped) sampler.stop();
  }
}

/** Every file below `dir` (relative paths); none when it does not exist. */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

const rate = (bytes: number, ms: number, unit: number) => round(bytes / unit / (ms / 1000));

function summary(transfer: Transfer) {
  return {
    status: transfer.status,
    ms: round(transfer.ms),
    mibPerSecond: rate(transfer.bytes, transfer.ms, MiB),
    mbPerSecond: rate(transfer.bytes, transfer.ms, MB),
    rss: transfer.rss,
  };
}

interface RoundResult {
  round: number;
  attachmentId: number;
  upload: ReturnType<typeof summary>;
  download: ReturnType<typeof summary>;
}

interface RoundFailure {
  round: number;
  way: 'upload' | 'download';
  message: string;
  transfer: ReturnType<typeof summary>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main() {
  await dropDatabase(DB);
  const root = mkdtempSync(join(tmpdir(), 'helpdesk-bench-attachments-'));
  const storageDir = join(root, 'storage');
  const clientDir = join(root, 'client');
  mkdirSync(clientDir);
  const api = ChildServer.start({
    port: await freePort(),
    env: benchApiEnv(DB_URL, PREFIX, {
      REDIS_URL,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      STORAGE_DRIVER: 'local',
      STORAGE_DIR: storageDir,
      ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
    }),
  });
  let failed = false;
  try {
    await api.waitForHealth();
    const json = (method: string, path: string, body: unknown, token?: string) =>
      callApiOk(api.base, method, path, body, token);
    const credentials = { email: 'uploader@bench.test', password: 'bench-password-1' };
    await json('POST', '/api/v1/auth/register', { ...credentials, name: 'Bench uploader' });
    const token = (await json('POST', '/api/v1/auth/login', credentials)).access_token as string;
    const newTicket = async (title: string) =>
      (await json('POST', '/api/v1/tickets', { title, description: 'attachment transfer bench' }, token)).id as number;

    console.log(
      `${ROUNDS} rounds of ${SIZE} bytes (${round(SIZE / MiB, 2)} MiB) up and down; API pid ${api.pid}, ` +
        `idle RSS ${round(rssMiB(api.pid))} MiB`,
    );
    const rounds: RoundResult[] = [];
    // A failed round ends the rounds (it is reported and fails the run); the 413 check still runs.
    let roundFailure: RoundFailure | null = null;
    for (let i = 1; i <= ROUNDS && !roundFailure; i++) {
      const file = await makeFile(clientDir, `round-${i}.bin`, SIZE);
      const ticketId = await newTicket(`Bench round ${i}`);
      const up = await upload(api, token, ticketId, file);
      const item = (up.body as { items?: { id: number; sha256: string; size: number }[] }).items?.[0];
      const fail = (way: 'upload' | 'download', transfer: Transfer, message: string) => {
        roundFailure = { round: i, way, message, transfer: summary(transfer) };
      };
      if (up.status !== 201 || !item) fail('upload', up, `${up.status} ${JSON.stringify(up.body)}`);
      else if (item.sha256 !== file.sha256) fail('upload', up, `sha256 ${item.sha256}, sent ${file.sha256}`);
      else if (item.size !== file.size) fail('upload', up, `size ${item.size}, sent ${file.size}`);
      else {
        const down = await download(api, token, item.id);
        if (down.status !== 200) fail('download', down, `status ${down.status}`);
        else if (down.bytes !== file.size || down.sha256 !== file.sha256) {
          fail('download', down, `${down.bytes} bytes, sha256 ${down.sha256}; uploaded ${file.size}, ${file.sha256}`);
        } else rounds.push({ round: i, attachmentId: item.id, upload: summary(up), download: summary(down) });
      }
      rmSync(file.path);
    }

    // One byte over the limit: refused, and neither an object nor a temporary left behind.
    const objectsBefore = filesUnder(join(storageDir, 'objects'));
    const [{ rows: rowsBefore }] = await sql<{ rows: number }>(DB_URL, 'SELECT count(*)::int AS rows FROM attachments');
    const over = await makeFile(clientDir, 'over.bin', MAX_BYTES + 1);
    const refused = await upload(api, token, await newTicket('Bench too large'), over);
    rmSync(over.path);
    const objectsAfter = filesUnder(join(storageDir, 'objects'));
    const tempsAfter = filesUnder(join(storageDir, 'tmp'));
    const [{ rows: rowsAfter }] = await sql<{ rows: number }>(DB_URL, 'SELECT count(*)::int AS rows FROM attachments');
    const code = (refused.body as { error?: { code?: string } }).error?.code;
    const newObjects = objectsAfter.filter((name) => !objectsBefore.includes(name));
    const tooLarge = {
      bytes: MAX_BYTES + 1,
      status: refused.status,
      code,
      ms: round(refused.ms),
      newObjects: newObjects.length,
      temporaries: tempsAfter.length,
      newRows: rowsAfter - rowsBefore,
      rss: refused.rss,
      ok:
        refused.status === 413 &&
        code === 'PAYLOAD_TOO_LARGE' &&
        !newObjects.length &&
        !tempsAfter.length &&
        rowsAfter === rowsBefore,
    };

    const row = (cells: (string | number)[]) =>
      cells.map((cell, i) => (i < 2 ? String(cell).padEnd(9) : String(cell).padStart(9))).join(' ');
    console.log(row(['round', 'way', 'ms', 'MiB/s', 'MB/s', 'RSS base', 'RSS peak', 'Δ MiB', 'after', 'samples']));
    for (const r of rounds) {
      for (const [way, t] of [
        ['upload', r.upload],
        ['download', r.download],
      ] as const) {
        const { rss } = t;
        console.log(
          row([
            r.round,
            way,
            t.ms,
            t.mibPerSecond,
            t.mbPerSecond,
            rss.baselineMiB,
            rss.peakMiB,
            rss.deltaMiB,
            rss.afterMiB,
            rss.samples,
          ]),
        );
      }
    }
    for (const way of rounds.length ? (['upload', 'download'] as const) : []) {
      const of = (pick: (t: ReturnType<typeof summary>) => number) => round(median(rounds.map((r) => pick(r[way]))));
      console.log(
        row([
          'median',
          way,
          of((t) => t.ms),
          of((t) => t.mibPerSecond),
          of((t) => t.mbPerSecond),
          of((t) => t.rss.baselineMiB),
          of((t) => t.rss.peakMiB),
          of((t) => t.rss.deltaMiB),
          of((t) => t.rss.afterMiB),
          '',
        ]),
      );
    }
    const failure = roundFailure as RoundFailure | null;
    if (failure) {
      failed = true;
      const { transfer } = failure;
      console.log(
        `FAIL round ${failure.round} ${failure.way}: ${failure.message} (after ${transfer.ms} ms; ` +
          `RSS ${transfer.rss.baselineMiB} → peak ${transfer.rss.peakMiB} MiB)`,
      );
    }
    console.log(
      `${tooLarge.ok ? 'ok  ' : 'FAIL'} ${MAX_BYTES + 1} bytes (25 MiB + 1): ${refused.status} ${code ?? '-'} in ` +
        `${tooLarge.ms} ms; ${newObjects.length} new objects, ${tempsAfter.length} temporaries, ` +
        `${tooLarge.newRows} new rows; RSS ${refused.rss.baselineMiB} → peak ${refused.rss.peakMiB} MiB ` +
        `(Δ ${refused.rss.deltaMiB})`,
    );
    if (!tooLarge.ok) failed = true;

    const result = {
      bench: 'attachments-transfer',
      at: new Date().toISOString(),
      node: process.version,
      apiNodeFlags: startFlags(),
      cpus: cpus().length,
      storage: 'local',
      sizeBytes: SIZE,
      sampleEveryMs: SAMPLE_EVERY_MS,
      notes:
        'ms: request start to response fully read (upload: includes the fsync and the commit). ' +
        'MiB/s = 2^20 bytes per second, MB/s = 10^6 bytes per second. RSS: the API process, VmRSS in MiB.',
      rounds,
      roundFailure: failure,
      tooLarge,
    };
    const resultsDir = join(repoRoot(), 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'attachments-latest.json'), JSON.stringify(result, null, 2) + '\n');
  } finally {
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
