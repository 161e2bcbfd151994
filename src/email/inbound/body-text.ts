// The text a received message becomes in a ticket: its plain text part, or, when it has none (or
// only an empty one), its HTML part turned into text; bounded, cleaned, and reduced to what the
// sender wrote this time (reply-text.ts). mailparser converts HTML only when it is the message's
// root part, so an HTML body inside multipart/mixed or multipart/related (a message with an
// inline image) would have no text: the conversion is done here for every case, with limits.
import { convert } from 'html-to-text';
import { visibleReplyText } from './reply-text';

/** The most text kept before reply stripping (the caller cuts further). */
export const MAX_TEXT_CHARS = 100_000;
/**
 * The most HTML converted: html-to-text's parser is quadratic in the nesting depth (200 kB of
 * nested tags takes about a second, 1 MB almost a minute), and a body's first 200 kB give far
 * more text than a ticket keeps.
 */
export const MAX_HTML_CHARS = 200_000;
/** How deep html-to-text walks; deeper content is cut (its own recursion would overflow). */
const MAX_HTML_DEPTH = 500;

// Controls other than tab and line feed (a NUL would not even fit in a Postgres text column).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TEXT_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** The ticket text of a message with plain text `text` and HTML `html` (either may be missing). */
export function bodyText(text: string | undefined, html: string | undefined): string {
  const plain = normalise(text ?? '');
  const chosen = plain.trim() === '' && html ? normalise(htmlToText(html)) : plain;
  return visibleReplyText(truncate(chosen, MAX_TEXT_CHARS));
}

/** Line breaks as LF, controls (but tab and LF) removed; of a long text only what can be kept is looked at. */
function normalise(text: string): string {
  return truncate(text, 2 * MAX_TEXT_CHARS)
    .replace(/\r\n?/g, '\n')
    .replace(TEXT_CONTROLS, '');
}

/** HTML as plain text: from `<body>` on, at most MAX_HTML_CHARS of it; images left out, quotes as `> ` lines. */
export function htmlToText(html: string): string {
  const body = html.search(/<body[\s>]/i);
  const bounded = html.slice(Math.max(body, 0), Math.max(body, 0) + MAX_HTML_CHARS);
  return convert(bounded, {
    wordwrap: false,
    limits: { maxDepth: MAX_HTML_DEPTH },
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', format: 'anchor', options: { hideLinkHrefIfSameAsText: true } },
    ],
  });
}

/** The first `max` characters of `text`, never ending in half a surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}
