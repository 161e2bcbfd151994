// Property test of parseMessage over generated hostile messages: random header sets (encoded words
// in known and unknown charsets, long id lists, bad addresses), random MIME trees (nesting, charsets,
// transfer encodings, attachments), deep nesting, raw random bytes, truncation and flipped bytes.
// Each must resolve within the bounds of ParsedMessage or reject with UnprocessableMessageError
// (nothing else, and having discarded whatever it staged), and never hang.
// A failure prints its seed: replay it with `{ seed, path }` in the fc.assert parameters below.
import fc from 'fast-check';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StagedFile } from '../../attachments/attachment-intake';
import { UploadMeter } from '../../attachments/upload-meter';
import { MAX_ATTACHMENTS } from './attachment-parts';
import { MAX_TEXT_CHARS } from './body-text';
import { ParsedMessage, UnprocessableMessageError } from './inbound-message';
import { spoolMessage } from './mail-spool';
import { MAX_ADDRESS_LENGTH, MAX_MESSAGE_ID_LENGTH, MAX_RECIPIENTS, MAX_THREAD_IDS } from './message-headers';
import { parseMessage } from './parse-message';

const RUNS = 300;
const ID = /^<[^<>\s]+>$/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

type Part =
  | { kind: 'leaf'; headers: string[]; body: Buffer }
  | { kind: 'multipart'; subtype: string; boundary: string; closed: boolean; parts: Part[] };

const CHARSETS = [
  'utf-8',
  'iso-8859-1',
  'windows-1252',
  'x-unknown',
  'utf-7',
  'koi8-r',
  'shift_jis',
  'iso-2022-jp',
  'gb18030',
  '',
];
const charset = fc.constantFrom(...CHARSETS);
const bytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((array) => Buffer.from(array));
const text = (maxLength: number) => fc.string({ unit: 'grapheme', maxLength });

const encodedWord = fc.tuple(charset, fc.constantFrom('Q', 'B', 'q', 'X'), bytes(30)).map(([cs, encoding, payload]) => {
  const encoded = encoding === 'B' ? payload.toString('base64') : payload.toString('latin1').replace(/[?\s]/g, '_');
  return `=?${cs}?${encoding}?${encoded}?=`;
});
const messageIdToken = fc.oneof(
  fc.string({ maxLength: 40 }).map((s) => `<${s}@example.com>`),
  fc.string({ maxLength: 20 }),
  fc.constant('<>'),
  fc.string({ minLength: 990, maxLength: 1010 }).map((s) => `<${s.replace(/[\s<>]/g, 'x')}>`),
);
const address = fc.oneof(
  fc.emailAddress(),
  fc.string({ maxLength: 30 }),
  fc.string({ minLength: 250, maxLength: 260 }).map((s) => `${s}@example.com`),
);
const headerValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.oneof(encodedWord, text(20), fc.emailAddress()), { maxLength: 8 }).map((words) => words.join(' ')),
  fc
    .tuple(fc.array(messageIdToken, { maxLength: 80 }), fc.constantFrom(' ', '\r\n ', ','))
    .map(([ids, glue]) => ids.join(glue)),
  fc
    .array(fc.tuple(text(10), address), { maxLength: 120 })
    .map((list) => list.map(([n, a]) => `"${n}" <${a}>`).join(', ')),
  fc.constantFrom('<>', '', 'auto-replied', 'bulk', 'no', 'All', 'multipart/report; report-type=delivery-status'),
);
const headerName = fc.oneof(
  fc.constantFrom(
    'From',
    'To',
    'Cc',
    'Subject',
    'Message-ID',
    'In-Reply-To',
    'References',
    'Return-Path',
    'Delivered-To',
    'X-Original-To',
    'Auto-Submitted',
    'Precedence',
    'List-Id',
    'X-Auto-Response-Suppress',
    'Content-Type',
    'Content-Transfer-Encoding',
    'MIME-Version',
  ),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/),
);
const header = fc.tuple(headerName, headerValue).map(([name, value]) => `${name}: ${value}`);

const leafHeaders = fc
  .record({
    type: fc.constantFrom(
      'text/plain',
      'text/html',
      'image/png',
      'application/pdf',
      'application/octet-stream',
      'message/rfc822',
      'message/delivery-status',
      'x/y',
    ),
    charset: fc.option(charset),
    encoding: fc.option(fc.constantFrom('base64', 'quoted-printable', '7bit', '8bit', 'binary', 'x-uuencode')),
    disposition: fc.option(fc.constantFrom('inline', 'attachment', 'form-data')),
    filename: fc.option(fc.oneof(text(30), fc.string({ unit: 'binary', maxLength: 300 }), encodedWord)),
    cid: fc.option(fc.string({ maxLength: 20 })),
  })
  .map((leaf) => {
    const headers = [`Content-Type: ${leaf.type}${leaf.charset === null ? '' : `; charset="${leaf.charset}"`}`];
    if (leaf.encoding !== null) headers.push(`Content-Transfer-Encoding: ${leaf.encoding}`);
    if (leaf.disposition !== null) {
      headers.push(
        `Content-Disposition: ${leaf.disposition}${leaf.filename === null ? '' : `; filename="${leaf.filename}"`}`,
      );
    }
    if (leaf.cid !== null) headers.push(`Content-ID: <${leaf.cid}>`);
    return { headers, base64: leaf.encoding === 'base64' };
  });
const leafBody = fc.oneof(
  bytes(3000),
  text(2000).map((s) => Buffer.from(s)),
  fc
    .constantFrom(
      '<html><body><p>Hi</p><blockquote>old</blockquote></body></html>',
      'Hi\n\nOn 1 Jan 2027, X wrote:\n> old',
    )
    .map((s) => Buffer.from(s)),
);
const leaf = fc.tuple(leafHeaders, leafBody, fc.boolean()).map(([{ headers, base64 }, body, valid]): Part => ({
  kind: 'leaf',
  headers,
  body: base64 && valid ? Buffer.from(body.toString('base64').replace(/.{76}/g, '$&\r\n')) : body,
}));

const { part } = fc.letrec<{ part: Part; multipart: Part }>((tie) => ({
  part: fc.oneof({ maxDepth: 5 }, leaf, tie('multipart')),
  multipart: fc.record({
    kind: fc.constant('multipart' as const),
    subtype: fc.constantFrom('mixed', 'alternative', 'related', 'report', 'digest', 'x-unknown'),
    boundary: fc.stringMatching(/^[A-Za-z0-9'()+_,./:=?-]{1,70}$/),
    closed: fc.boolean(),
    parts: fc.array(tie('part'), { maxLength: 4 }),
  }),
}));

/** multipart/mixed nested `depth` times around a text part. */
const deepNest = fc.integer({ min: 50, max: 150 }).map((depth) => {
  let inner: Part = { kind: 'leaf', headers: ['Content-Type: text/plain'], body: Buffer.from('deep') };
  for (let i = 0; i < depth; i++)
    inner = { kind: 'multipart', subtype: 'mixed', boundary: `b${i}`, closed: true, parts: [inner] };
  return inner;
});

function render(node: Part, headers: string[] = []): Buffer {
  const head = (lines: string[]) => Buffer.from([...headers, ...lines, '', ''].join('\r\n'), 'latin1');
  if (node.kind === 'leaf') return Buffer.concat([head(node.headers), node.body]);
  const chunks: Buffer[] = [head([`Content-Type: multipart/${node.subtype}; boundary="${node.boundary}"`])];
  for (const child of node.parts) chunks.push(Buffer.from(`\r\n--${node.boundary}\r\n`), render(child));
  if (node.closed) chunks.push(Buffer.from(`\r\n--${node.boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** Truncation, flipped bytes or leading garbage, applied to a rendered message (or nothing). */
const mutation = fc.oneof(
  { weight: 5, arbitrary: fc.constant((raw: Buffer) => raw) },
  fc
    .double({ min: 0.01, max: 1, noNaN: true })
    .map((at) => (raw: Buffer) => raw.subarray(0, Math.floor(raw.length * at))),
  fc
    .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 10 })
    .map((flips) => (raw: Buffer) => {
      const copy = Buffer.from(raw);
      for (const [at, value] of flips) if (copy.length) copy[at % copy.length] = value;
      return copy;
    }),
  bytes(50).map((garbage) => (raw: Buffer) => Buffer.concat([garbage, raw])),
);

/** The headers most messages have, mostly well-formed, so that most cases get past them. */
const usualHeaders = fc
  .record({
    from: fc.option(
      fc.tuple(fc.oneof(text(15), encodedWord), fc.oneof({ weight: 4, arbitrary: fc.emailAddress() }, address)),
      { freq: 5 },
    ),
    messageId: fc.option(messageIdToken, { freq: 4 }),
    subject: fc.option(fc.array(fc.oneof(encodedWord, text(15)), { maxLength: 5 }), { freq: 4 }),
  })
  .map(({ from, messageId, subject }) => [
    ...(from ? [`From: "${from[0]}" <${from[1]}>`] : []),
    ...(messageId ? [`Message-ID: ${messageId}`] : []),
    ...(subject ? [`Subject: ${subject.join(' ')}`] : []),
  ]);

const message = fc.oneof(
  {
    weight: 19,
    arbitrary: fc
      .tuple(
        usualHeaders,
        fc.array(header, { maxLength: 20 }),
        fc.oneof({ weight: 5, arbitrary: part }, deepNest),
        mutation,
      )
      .map(([usual, others, root, mutate]) => {
        const headers = [...usual, ...others].map((h) => Buffer.from(h, 'utf8').toString('latin1'));
        return mutate(render(root, headers));
      }),
  },
  { weight: 1, arbitrary: fc.constant(Buffer.alloc(0)) },
);
const randomBytes = bytes(5000);

/** In-memory staging through the real UploadMeter; remembers what it staged and what was discarded. */
function memoryStaging(maxAttachmentBytes: number) {
  const staged: StagedFile[] = [];
  const discarded: StagedFile[] = [];
  const options = {
    maxAttachmentBytes,
    supportDomain: 'desk.test',
    async stage(body: Readable, filename: string, maxBytes: number): Promise<StagedFile> {
      const meter = new UploadMeter(maxBytes);
      const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
      await pipeline(body, meter, sink);
      const file = {
        tempId: `t${staged.length}`,
        sha256: meter.digest(),
        filename,
        contentType: 'application/octet-stream',
        size: meter.size,
      };
      staged.push(file);
      return file;
    },
    async discard(files: StagedFile[]): Promise<void> {
      discarded.push(...files);
    },
  };
  return { staged, discarded, options };
}

function expectWithinBounds(parsed: ParsedMessage, staged: StagedFile[], discarded: StagedFile[]): void {
  expect(parsed.messageId.length).toBeLessThanOrEqual(MAX_MESSAGE_ID_LENGTH);
  expect(parsed.messageId).toMatch(ID);
  expect(parsed.inReplyTo.length + parsed.references.length).toBeLessThanOrEqual(MAX_THREAD_IDS);
  const ids = [...parsed.inReplyTo, ...parsed.references];
  for (const id of ids) expect(id).toMatch(ID);
  expect(new Set(ids).size).toBe(ids.length);
  expect(parsed.recipients.length).toBeLessThanOrEqual(MAX_RECIPIENTS);
  expect(new Set(parsed.recipients).size).toBe(parsed.recipients.length);
  for (const address of [...parsed.recipients, ...(parsed.from ? [parsed.from.address] : [])]) {
    expect(address).toBe(address.toLowerCase());
    expect(address.length).toBeLessThanOrEqual(MAX_ADDRESS_LENGTH);
    expect(address).toContain('@');
  }
  if (parsed.returnPath !== undefined) expect(parsed.returnPath).toBe(parsed.returnPath.toLowerCase());
  expect(parsed.subject).not.toMatch(CONTROL);
  expect(parsed.subject).toBe(parsed.subject.trim());
  expect(parsed.from?.name ?? '').not.toMatch(CONTROL);
  expect(parsed.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
  expect(parsed.text).not.toContain('\u0000');
  expect(parsed.attachments.length).toBeLessThanOrEqual(MAX_ATTACHMENTS);
  expect(parsed.attachments).toEqual(staged);
  for (const file of [...parsed.attachments, ...parsed.dropped]) expect(file.filename).not.toBe('');
  expect(discarded).toEqual([]);
  expect([null, 'auto_submitted', 'bounce', 'bulk', 'own_message']).toContain(parsed.loopReason);
}

async function check(raw: Buffer, maxAttachmentBytes: number): Promise<void> {
  const spooled = await spoolMessage(Readable.from([raw]), 64 * 1024 * 1024);
  const { staged, discarded, options } = memoryStaging(maxAttachmentBytes);
  try {
    const parsed = await parseMessage(spooled, options).catch((error: unknown) => error);
    if (parsed instanceof UnprocessableMessageError) {
      expect(parsed.field).toBe('body');
      expect(discarded).toEqual(staged);
    } else if (parsed instanceof Error) {
      throw parsed;
    } else {
      expectWithinBounds(parsed as ParsedMessage, staged, discarded);
    }
  } finally {
    await spooled.remove();
  }
}

describe('parseMessage on generated messages', () => {
  it('resolves within the bounds or refuses with UnprocessableMessageError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 9, arbitrary: message }, { weight: 1, arbitrary: randomBytes }),
        fc.integer({ min: 16, max: 4096 }),
        check,
      ),
      { numRuns: RUNS },
    );
  });
});
