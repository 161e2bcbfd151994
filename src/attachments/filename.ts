// The stored name of an uploaded file: the client's name cleaned, never trusted (API.md → Attachments).

/** The most bytes (UTF-8) a stored filename has. */
export const MAX_FILENAME_BYTES = 255;

/** An extension longer than this is not kept apart when a long name is shortened. */
const MAX_EXTENSION_BYTES = 32;

// C0 and C1 controls, DEL, and the characters that reorder or hide text: bidi embeddings,
// overrides and isolates (U+202A-202E, U+2066-2069), marks (U+200E/F, U+061C), zero-width and BOM.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu;

/**
 * The name to store for a client's `filename`: its last path segment (either slash), without
 * control and bidi characters, whitespace-trimmed, NFC, at most 255 UTF-8 bytes with the extension
 * kept when shortened. Null when nothing usable is left (empty, `.` or `..`).
 */
export function cleanFilename(raw: string): string | null {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = base.normalize('NFC').replace(UNSAFE, '').trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return null;
  return shorten(cleaned, MAX_FILENAME_BYTES);
}

function shorten(name: string, maxBytes: number): string {
  if (utf8Bytes(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot) : '';
  const keep = utf8Bytes(extension) <= MAX_EXTENSION_BYTES ? extension : '';
  const stem = keep ? name.slice(0, dot) : name;
  return truncateUtf8(stem, maxBytes - utf8Bytes(keep)).trimEnd() + keep;
}

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** The longest prefix of `text` of at most `maxBytes` UTF-8 bytes, never splitting a code point. */
function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let out = '';
  for (const char of text) {
    bytes += utf8Bytes(char);
    if (bytes > maxBytes) break;
    out += char;
  }
  return out;
}
