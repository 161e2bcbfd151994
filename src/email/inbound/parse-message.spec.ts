import { randomBytes } from 'node:crypto';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import type { StagedFile } from '../../attachments/attachment-intake';
import { UploadMeter } from '../../attachments/upload-meter';
import { newMessageId } from '../message-ids';
import { UnprocessableMessageError } from './inbound-message';
import { SpooledMessage, spoolMessage } from './mail-spool';
import { ParseOptions, parseMessage } from './parse-message';

const LIMIT = 1000;
const DOMAIN = 'desk.test';

/** Stages into memory through the real UploadMeter (so the limit is the real one), recording bytes. */
class MemoryStaging {
  readonly bytes = new Map<string, Buffer>();
  readonly discarded: StagedFile[] = [];
  private count = 0;

  readonly options: ParseOptions = {
    maxAttachmentBytes: LIMIT,
    supportDomain: DOMAIN,
    stage: (body, filename, maxBytes) => this.stage(body, filename, maxBytes),
    discard: async (files) => {
      this.discarded.push(...files);
    },
  };

  async stage(body: Readable, filename: string, maxBytes: number): Promise<StagedFile> {
    const meter = new UploadMeter(maxBytes);
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    await pipeline(body, meter, sink);
    const tempId = `temp-${++this.count}`;
    this.bytes.set(filename, Buffer.concat(chunks));
    return { tempId, sha256: meter.digest(), filename, contentType: 'application/octet-stream', size: meter.size };
  }
}

const spools: SpooledMessage[] = [];
async function spool(raw: string | Buffer): Promise<SpooledMessage> {
  const spooled = await spoolMessage(Readable.from([Buffer.from(raw)]), 64 * 1024 * 1024);
  spools.push(spooled);
  return spooled;
}
afterEach(async () => {
  await Promise.all(spools.splice(0).map((s) => s.remove()));
});

async function compose(mail: Mail.Options): Promise<Buffer> {
  return new MailComposer({ from: 'Bob <bob@example.com>', to: `support@${DOMAIN}`, ...mail }).compile().build();
}

async function parse(raw: string | Buffer, staging = new MemoryStaging()) {
  return parseMessage(await spool(raw), staging.options);
}

const crlf = (lines: string[]) => lines.join('\r\n');

describe('parseMessage', () => {
  it('reads a plain text message', async () => {
    const raw = await compose({
      from: '"Bob Example" <Bob@Example.COM>',
      subject: '  Printer   on fire\t',
      text: 'It is on fire.\r\nPlease help.\r\n',
      messageId: '<abc.123@example.com>',
    });
    const parsed = await parse(raw);
    expect(parsed).toMatchObject({
      messageId: '<abc.123@example.com>',
      from: { address: 'bob@example.com', name: 'Bob Example' },
      recipients: [`support@${DOMAIN}`],
      subject: 'Printer on fire',
      text: 'It is on fire.\nPlease help.',
      inReplyTo: [],
      references: [],
      loopReason: null,
      attachments: [],
      dropped: [],
    });
    expect(parsed.returnPath).toBeUndefined();
  });

  it('turns an HTML-only message into text', async () => {
    const raw = await compose({
      html: '<html><head><style>p{}</style></head><body><p>Hello <b>there</b></p><p>Second</p></body></html>',
    });
    expect((await parse(raw)).text).toBe('Hello there\n\nSecond');
  });

  it('prefers the plain part of multipart/alternative', async () => {
    const raw = await compose({ text: 'plain version', html: '<p>html version</p>' });
    expect((await parse(raw)).text).toBe('plain version');
  });

  it('falls back to the HTML part when the plain part is empty', async () => {
    const raw = await compose({ text: ' \r\n', html: '<p>html version</p>' });
    expect((await parse(raw)).text).toBe('html version');
  });

  it('decodes encoded-word subjects and names (UTF-8 and ISO-8859-1, Q and B)', async () => {
    const raw = crlf([
      'From: =?ISO-8859-1?Q?J=FCrgen_M=FCller?= <jm@example.de>',
      'Subject: =?UTF-8?B?R3LDvMOfZSDwn5iA?= =?ISO-8859-1?Q?aus_K=F6ln?=',
      '',
      'Hallo',
    ]);
    const parsed = await parse(raw);
    expect(parsed.subject).toBe('Grüße 😀aus Köln');
    expect(parsed.from).toEqual({ address: 'jm@example.de', name: 'Jürgen Müller' });
  });

  it('decodes an unknown charset as UTF-8 when it is, else as Windows-1252', async () => {
    const message = (bytes: Buffer) =>
      Buffer.concat([
        Buffer.from(
          crlf([
            'From: a@example.com',
            'Subject: =?x-martian?Q?Gr=FC=DFe?=',
            'Content-Type: text/plain; charset=x-martian',
            '',
            '',
          ]),
        ),
        bytes,
      ]);
    const latin1 = await parse(message(Buffer.from('Gr\u00fc\u00dfe \u0080', 'latin1')));
    expect(latin1.text).toBe('Grüße €');
    expect(latin1.subject).toBe('Grüße');
    expect((await parse(message(Buffer.from('Grüße', 'utf8')))).text).toBe('Grüße');
  });

  it('decodes raw 8-bit headers as UTF-8, or else Windows-1252', async () => {
    const head = (subject: Buffer) =>
      Buffer.concat([Buffer.from('From: a@example.com\r\nSubject: '), subject, Buffer.from('\r\n\r\nbody')]);
    expect((await parse(head(Buffer.from('Grüße', 'utf8')))).subject).toBe('Grüße');
    expect((await parse(head(Buffer.from('Gr\u00fc\u00dfe', 'latin1')))).subject).toBe('Grüße');
  });

  it('stages attachments and inline images with their bytes and names, in order', async () => {
    const pdf = randomBytes(600);
    const png = randomBytes(300);
    const staging = new MemoryStaging();
    const raw = await compose({
      html: '<p>See <img src="cid:logo@example.com"></p>',
      attachments: [
        { filename: 'report.pdf', content: pdf, contentType: 'application/pdf' },
        { filename: 'logo.png', content: png, cid: 'logo@example.com', contentType: 'image/png' },
        { content: Buffer.from('no name'), contentType: 'image/gif' },
        { filename: '../../etc/passwd', content: Buffer.from('x') },
      ],
    });
    const parsed = await parse(raw, staging);
    // MailComposer puts the inline image beside the HTML (multipart/related), before the attachments.
    expect(parsed.attachments.map((file) => file.filename)).toEqual([
      'logo.png',
      'report.pdf',
      'attachment-3.gif',
      'passwd',
    ]);
    expect(staging.bytes.get('report.pdf')).toEqual(pdf);
    expect(staging.bytes.get('logo.png')).toEqual(png);
    expect(staging.bytes.get('attachment-3.gif')).toEqual(Buffer.from('no name'));
    expect(parsed.text).toBe('See');
    expect(parsed.dropped).toEqual([]);
  });

  it('drops and names a part over the limit, and still stages the parts after it', async () => {
    const staging = new MemoryStaging();
    const small = randomBytes(LIMIT);
    const raw = await compose({
      text: 'two files',
      attachments: [
        { filename: 'huge.bin', content: randomBytes(LIMIT * 50 + 7) },
        { filename: 'small.bin', content: small },
      ],
    });
    const parsed = await parse(raw, staging);
    expect(parsed.dropped).toEqual([{ filename: 'huge.bin', size: LIMIT * 50 + 7 }]);
    expect(parsed.attachments.map((file) => file.filename)).toEqual(['small.bin']);
    expect(staging.bytes.get('small.bin')).toEqual(small);
    expect(parsed.text).toBe('two files');
  });

  it('drops an oversized part with a stage that pipes the way AttachmentIntake does', async () => {
    // AttachmentIntake.stage: body.pipe(meter) into storage; the body is left as it is on failure.
    const stored = new Map<string, Buffer>();
    const options: ParseOptions = {
      ...new MemoryStaging().options,
      stage: async (body, filename, maxBytes) => {
        const meter = new UploadMeter(maxBytes);
        body.on('error', (error: Error) => meter.destroy(error));
        const chunks: Buffer[] = [];
        for await (const chunk of body.pipe(meter)) chunks.push(chunk as Buffer);
        stored.set(filename, Buffer.concat(chunks));
        return {
          tempId: filename,
          sha256: meter.digest(),
          filename,
          contentType: 'application/octet-stream',
          size: meter.size,
        };
      },
    };
    const after = randomBytes(10);
    const raw = await compose({
      text: 'x',
      attachments: [
        { filename: 'huge.bin', content: randomBytes(200_000) },
        { filename: 'after.bin', content: after },
      ],
    });
    const parsed = await parseMessage(await spool(raw), options);
    expect(parsed.dropped).toEqual([{ filename: 'huge.bin', size: 200_000 }]);
    expect(stored.get('after.bin')).toEqual(after);
  });

  it('stages at most 50 attachments and names the others as dropped', async () => {
    const attachments = Array.from({ length: 53 }, (_, i) => ({
      filename: `f${i}.txt`,
      content: Buffer.alloc(i + 1, 'x'),
    }));
    const parsed = await parse(await compose({ text: 'many', attachments }));
    expect(parsed.attachments).toHaveLength(50);
    expect(parsed.dropped).toEqual([
      { filename: 'f50.txt', size: 51 },
      { filename: 'f51.txt', size: 52 },
      { filename: 'f52.txt', size: 53 },
    ]);
  });

  it('gives a message without a usable Message-ID one made from the sha256 of its bytes', async () => {
    const raw = crlf(['From: a@example.com', 'Subject: no id', '', 'body']);
    const spooled = await spool(raw);
    const parsed = await parseMessage(spooled, new MemoryStaging().options);
    expect(parsed.messageId).toBe(`<${spooled.sha256}@inbound.invalid>`);
    const broken = await parse(crlf(['From: a@example.com', 'Message-ID: <has space@x>', '', 'body']));
    expect(broken.messageId).toMatch(/^<[0-9a-f]{64}@inbound\.invalid>$/);
    const bare = await parse(crlf(['From: a@example.com', 'Message-ID:  bare-id@example.com ', '', 'body']));
    expect(bare.messageId).toBe('<bare-id@example.com>');
  });

  it('parses In-Reply-To and References into deduplicated id lists, keeping the newest 50 in all', async () => {
    const refs = Array.from({ length: 80 }, (_, i) => `<r${i}@example.com>`);
    const raw = crlf([
      'From: a@example.com',
      'In-Reply-To: <r79@example.com> (the last one)',
      `References: ${refs.slice(0, 40).join('\r\n ')}`,
      `References: ${refs.slice(40).join(' ')} <r3@example.com> <bad id> <>`,
      '',
      'body',
    ]);
    const parsed = await parse(raw);
    expect(parsed.inReplyTo).toEqual(['<r79@example.com>']);
    expect(parsed.references).toEqual(refs.slice(30, 79));
    expect(parsed.inReplyTo.length + parsed.references.length).toBe(50);
  });

  it('reads Return-Path: empty for <>, the address otherwise', async () => {
    const withPath = (path: string) => crlf([`Return-Path: ${path}`, 'From: a@example.com', '', 'body']);
    expect((await parse(withPath('<>'))).returnPath).toBe('');
    expect((await parse(withPath('<Bounce+X@Example.com>'))).returnPath).toBe('bounce+x@example.com');
  });

  it('collects recipients from To, Cc, Delivered-To and X-Original-To', async () => {
    const raw = crlf([
      'Delivered-To: Support@Desk.test',
      'Delivered-To: support+t12-abc@desk.test',
      'X-Original-To: support@desk.test',
      'From: a@example.com',
      'To: "Support" <support@desk.test>, Team: one@example.com, two@example.com;',
      'Cc: =?UTF-8?Q?J=C3=BCrgen?= <J@Example.com>, not-an-address',
      '',
      'body',
    ]);
    expect((await parse(raw)).recipients).toEqual([
      'support@desk.test',
      'one@example.com',
      'two@example.com',
      'j@example.com',
      'support+t12-abc@desk.test',
    ]);
  });

  it('gives from: null when the message has no usable From', async () => {
    expect((await parse(crlf(['Subject: anonymous', '', 'body']))).from).toBeNull();
    expect((await parse(crlf(['From: nobody', '', 'body']))).from).toBeNull();
    expect((await parse(crlf(['From: ', '', 'body']))).from).toBeNull();
  });

  it('strips quoted history from the text', async () => {
    const raw = await compose({
      text: 'Thanks, that worked.\n\nOn Tue, Jan 5, 2027 at 10:00 AM Desk <support@desk.test> wrote:\n> Try turning it off.\n',
    });
    expect((await parse(raw)).text).toBe('Thanks, that worked.');
  });

  it('caps the text at 100,000 characters', async () => {
    const parsed = await parse(await compose({ text: 'word '.repeat(40_000) }));
    expect(parsed.text.length).toBeLessThanOrEqual(100_000);
    expect(parsed.text.startsWith('word word')).toBe(true);
  });

  it('sets loopReason from the headers', async () => {
    const auto = await parse(crlf(['From: a@example.com', 'Auto-Submitted: auto-replied', '', 'Out of office']));
    expect(auto.loopReason).toBe('auto_submitted');
    const own = await parse(crlf(['From: a@example.com', `Message-ID: ${newMessageId(DOMAIN)}`, '', 'echo']));
    expect(own.loopReason).toBe('own_message');
  });

  it.each([
    ['0 bytes', ''],
    ['no header section', '\r\nonly a body'],
    ['binary without a header', Buffer.from([0, 1, 2, 255, 254, 10, 13, 0])],
  ])('refuses %s with UnprocessableMessageError', async (_name, raw) => {
    const error = await parse(raw).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableMessageError);
    expect((error as UnprocessableMessageError).field).toBe('body');
  });

  it('parses a 100-level nested multipart quickly', async () => {
    let raw = 'From: a@example.com\r\n';
    for (let i = 0; i < 100; i++) raw += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
    raw += 'Content-Type: text/plain\r\n\r\ndeep down\r\n';
    for (let i = 99; i >= 0; i--) raw += `--b${i}--\r\n`;
    const parsed = await parse(raw);
    expect(parsed.text).toBe('deep down');
  }, 30_000);

  it('parses a 20,000-line header section quickly', async () => {
    const received = Array.from(
      { length: 20_000 },
      (_, i) => `Received: from relay${i}.example.net (relay${i}.example.net [192.0.2.1]) by mx`,
    );
    const parsed = await parse(crlf([...received, 'From: a@example.com', 'Subject: long way', '', 'arrived']));
    expect(parsed).toMatchObject({ subject: 'long way', text: 'arrived', from: { address: 'a@example.com' } });
  }, 30_000);

  it('discards what was staged and rethrows when stage fails for another reason than size', async () => {
    const staging = new MemoryStaging();
    const storageDown = new Error('storage is down');
    const options: ParseOptions = {
      ...staging.options,
      stage: async (body, filename, max) => {
        if (filename === 'second.txt') throw storageDown;
        return staging.stage(body, filename, max);
      },
    };
    const raw = await compose({
      text: 'x',
      attachments: [
        { filename: 'first.txt', content: 'one' },
        { filename: 'second.txt', content: 'two' },
      ],
    });
    await expect(parseMessage(await spool(raw), options)).rejects.toBe(storageDown);
    expect(staging.discarded.map((file) => file.filename)).toEqual(['first.txt']);
  });

  /**
   * A spool whose stream gives `raw` up to `cut`, then (once `a.bin` has been staged) `then(stream)`:
   * so the failure comes after a part was staged, whatever the parser reads ahead. mailsplit passes
   * input on in 64 KiB chunks, so `cut` must be past that and past the end of `a.bin`.
   */
  function gatedSpool(
    spooled: SpooledMessage,
    raw: Buffer,
    cut: number,
    staged: Promise<void>,
    then: (stream: PassThrough) => void,
  ) {
    return {
      ...spooled,
      open: () => {
        const stream = new PassThrough();
        stream.write(raw.subarray(0, cut));
        void staged.then(() => then(stream));
        return stream;
      },
    };
  }

  /** Staging that says when `a.bin` is staged. */
  function signallingStaging() {
    const staging = new MemoryStaging();
    let signal!: () => void;
    const staged = new Promise<void>((resolve) => (signal = resolve));
    const options: ParseOptions = {
      ...staging.options,
      stage: async (body, filename, max) => {
        const file = await staging.stage(body, filename, max);
        if (filename === 'a.bin') signal();
        return file;
      },
    };
    return { staging, staged, options };
  }

  it('discards what was staged when the message breaks the parser midway', async () => {
    const { staging, staged, options } = signallingStaging();
    let text = crlf(['From: a@example.com', 'Content-Type: multipart/mixed; boundary=B', '', '']);
    text +=
      '--B\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=a.bin\r\n\r\nAAAA\r\n';
    text += `--B\r\nContent-Type: text/plain\r\n\r\n${'filler '.repeat(12_000)}\r\n`;
    const cut = text.length;
    // More parts than maxChildNodes allows.
    for (let i = 0; i < 1100; i++) text += '--B\r\nContent-Type: text/plain\r\n\r\nx\r\n';
    text += '--B--\r\n';
    const raw = Buffer.from(text);
    const gated = gatedSpool(await spool(raw), raw, cut, staged, (stream) => stream.end(raw.subarray(cut)));
    const error = await parseMessage(gated, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableMessageError);
    expect(staging.discarded.map((file) => file.filename)).toEqual(['a.bin']);
  });

  it('discards what was staged and rethrows when the spool cannot be read to its end', async () => {
    const { staging, staged, options } = signallingStaging();
    const raw = await compose({
      text: 'x',
      attachments: [
        { filename: 'a.bin', content: randomBytes(200) },
        { filename: 'b.bin', content: randomBytes(200_000) },
      ],
    });
    const diskError = new Error('EIO: i/o error, read');
    const cut = raw.indexOf('filename=b.bin') + 100_000;
    const gated = gatedSpool(await spool(raw), raw, cut, staged, (stream) => stream.destroy(diskError));
    await expect(parseMessage(gated, options)).rejects.toBe(diskError);
    expect(staging.discarded.map((file) => file.filename)).toEqual(['a.bin']);
  });
});
