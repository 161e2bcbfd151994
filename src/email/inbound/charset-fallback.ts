// Text in a charset nobody can name: a body or encoded word labelled with an unknown charset, or raw
// 8-bit header bytes. Decoded as UTF-8 when the bytes are valid UTF-8, else as Windows-1252 (what
// such text nearly always is), where libmime would decode it as UTF-8 and replace every byte it
// cannot read. Known charsets keep libmime's decoding.
import { isUtf8 } from 'node:buffer';
import { Transform, TransformCallback } from 'node:stream';
import libmime from 'libmime';

// What Windows-1252 has at 0x80-0x9F, where Latin-1 has C1 controls (Node's TextDecoder decodes
// 'windows-1252' as Latin-1, so the table is here). The five unassigned bytes stay controls.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** `bytes` as UTF-8 when they are valid UTF-8, else as Windows-1252 (a superset of Latin-1's letters). */
export function decodeUnlabelled(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

/** Whether libmime (iconv-lite plus the Japanese charsets) decodes `charset`; cached per name. */
const known = new Map<string, boolean>();
function isKnownCharset(charset: string): boolean {
  const name = charset.toLowerCase();
  let supported = known.get(name);
  if (supported === undefined) {
    supported = libmime.createDecodeStream(name).supported;
    if (known.size < 1000) known.set(name, supported);
  }
  return supported;
}

/** Collects a body in an unknown charset and decodes it whole (text parts are held whole anyway). */
class UnlabelledDecoder extends Transform {
  private readonly chunks: Buffer[] = [];

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.chunks.push(chunk);
    done();
  }

  override _flush(done: TransformCallback): void {
    done(null, Buffer.from(decodeUnlabelled(Buffer.concat(this.chunks)), 'utf8'));
  }
}

/**
 * mailparser's `Iconv` option: it constructs one per text part not labelled UTF-8/ASCII, as
 * `new Iconv(charset, 'UTF-8')`, and reads UTF-8 out. A known charset gets libmime's own stream
 * (what mailparser uses without the option); an unknown one the UTF-8-or-Windows-1252 guess.
 * A function, not a class, so that it can hand back libmime's stream as the constructed object.
 */
export const BodyCharsetDecoder = function (this: unknown, charset: string): Transform {
  return isKnownCharset(charset) ? libmime.createDecodeStream(charset) : new UnlabelledDecoder();
} as unknown as new (fromCharset: string, toCharset: string) => NodeJS.ReadWriteStream;

const ENCODED_WORD = /=\?([^?\s]{1,64})\?([QqBb])\?([^?\s]*)\?=/g;

/**
 * A header value with its RFC 2047 encoded words decoded. Words in a charset libmime does not know
 * are decoded from their bytes with the UTF-8-or-Windows-1252 guess instead of as broken UTF-8.
 */
export function decodeHeaderWords(value: string): string {
  if (!value.includes('=?')) return value;
  const guessed = value.replace(ENCODED_WORD, (word, charset: string, encoding: string, payload: string) => {
    if (isKnownCharset(charset.split('*')[0])) return word;
    // Decoded as Latin-1, each byte becomes one character: that gives the word's bytes back.
    return decodeUnlabelled(Buffer.from(libmime.decodeWord('latin1', encoding, payload), 'latin1'));
  });
  return libmime.decodeWords(guessed);
}
