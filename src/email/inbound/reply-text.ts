// The new text of a received message: what the sender wrote this time, without the history their
// client quoted below it and without their signature. Written here rather than taken from the
// email-reply-parser package: without the native re2 module its patterns backtrack (a 16 kB line
// of "x on at " took 9 s, and bodies here are up to 100,000 characters from anyone), and every
// rule below reads one line, or a join of at most three lines of at most 500 characters, so the
// work is linear in the text.
//
// Rules, top to bottom, line by line (after CRLF and CR became LF):
// - A forward marker ("---------- Forwarded message ---------", "Begin forwarded message:",
//   "-----Weitergeleitete Nachricht-----") keeps everything from there on as it is: forwarded
//   content is what the sender meant to send.
// - The start of quoted history cuts the rest of the text:
//   - an attribution line "On <date>, <name> wrote:", also wrapped over up to three lines as Gmail
//     does, and its German ("Am <date> schrieb <name>:"), French ("Le … a écrit :"), Spanish
//     ("El … escribió:"), Dutch ("Op … schreef …:"), Italian and Portuguese forms; it must hold a
//     digit (the date), so "On Monday I wrote:" is not one;
//   - Outlook's "-----Original Message-----" (and its German, French, Spanish and Dutch forms);
//   - Outlook's header block: a "From:" (or "Von:", "De:", "Van:") line followed within four lines
//     by a "Sent:" or "Date:" line (or "Gesendet:", "Datum:", "Envoyé :", "Enviado:", "Verzonden:").
// - A signature delimiter ("-- ", or "--" whose space was lost) drops the lines after it, up to a
//   forward marker.
// - Quoted lines (starting with ">", after blanks) are dropped wherever they are.
// - Then: a last line "Sent from my …" / "Get Outlook for …" / "Von meinem … gesendet" is dropped,
//   so are separator lines (five or more "_", "-" or "=") left at the end, runs of blank lines
//   become one, and the result is trimmed.
// - If nothing is left (a message that is only a quote, or only a signature), the whole text is
//   returned instead (normalised and trimmed): a message should not arrive empty.

/** Lines longer than this are text, never an attribution or header line. */
const MAX_MARKER_LINE = 500;
/** How many lines an attribution may be wrapped over. */
const MAX_ATTRIBUTION_LINES = 3;
/** How far below a "From:" line its "Sent:"/"Date:" line may be. */
const OUTLOOK_HEADER_SPAN = 4;

const FORWARD_MARKER =
  /^\s*(?:-{2,}\s*(?:forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|doorgestuurd bericht)\s*-{2,}|begin forwarded message:)\s*$/i;
const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|oorspronkelijk bericht)\s*-{2,}\s*$/i;
const ATTRIBUTION_START = /^\s*(?:on|am|le|el|op|il|em)\s/i;
// The verb, then anything up to a final colon: "wrote:", "schrieb Bob <bob@example.com>:".
const ATTRIBUTION_VERB = /(?:^|\s)(?:wrote|schrieb|a écrit|escribió|schreef|ha scritto|escreveu)(?=[\s:])[^\n]*:\s*$/i;
const OUTLOOK_FROM = /^\s*\*?(?:from|von|de|van)\s*:\*?\s*\S/i;
const OUTLOOK_SENT = /^\s*\*?(?:sent|date|gesendet|datum|envoyé|enviado|verzonden)\s*:/i;
const SIGNATURE_DELIMITER = /^-- ?$/;
const QUOTED = /^[ \t]*>/;
const MOBILE_SIGNATURE = /^\s*(?:sent from my\s|get outlook for\s|von meinem\s.*\sgesendet\s*$)/i;
const SEPARATOR = /^\s*(?:_{5,}|-{5,}|={5,})\s*$/;

export function visibleReplyText(text: string): string {
  const whole = text.replace(/\r\n?/g, '\n');
  const lines = whole.split('\n');
  const kept: string[] = [];
  let inSignature = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (isMarker(line, FORWARD_MARKER)) {
      kept.push(...lines.slice(i));
      break;
    }
    if (inSignature) continue;
    if (startsHistory(lines, i)) break;
    if (SIGNATURE_DELIMITER.test(line)) inSignature = true;
    else if (!QUOTED.test(line)) kept.push(line);
  }
  const visible = tidy(kept);
  return visible === '' ? whole.trim() : visible;
}

/** Whether quoted history starts at line `i`: an attribution, "Original Message", or Outlook's header block. */
function startsHistory(lines: readonly string[], i: number): boolean {
  const line = lines[i];
  if (line.length > MAX_MARKER_LINE) return false;
  return ORIGINAL_MESSAGE.test(line) || isAttribution(lines, i) || isOutlookHeader(lines, i);
}

/** "On <date>, <name> wrote:" starting at line `i`, on one line or wrapped over up to three. */
function isAttribution(lines: readonly string[], i: number): boolean {
  if (!ATTRIBUTION_START.test(lines[i])) return false;
  let joined = '';
  for (let j = i; j < Math.min(lines.length, i + MAX_ATTRIBUTION_LINES); j++) {
    const line = lines[j];
    if (line.trim() === '' || line.length > MAX_MARKER_LINE) return false;
    joined = joined === '' ? line : `${joined} ${line}`;
    if (ATTRIBUTION_VERB.test(joined)) return /\d/.test(joined);
  }
  return false;
}

/** Outlook's "From: …" line at `i` with a "Sent: …" or "Date: …" line shortly below it. */
function isOutlookHeader(lines: readonly string[], i: number): boolean {
  if (!OUTLOOK_FROM.test(lines[i])) return false;
  for (let j = i + 1; j <= Math.min(lines.length - 1, i + OUTLOOK_HEADER_SPAN); j++) {
    if (isMarker(lines[j], OUTLOOK_SENT)) return true;
  }
  return false;
}

function isMarker(line: string, pattern: RegExp): boolean {
  return line.length <= MAX_MARKER_LINE && pattern.test(line);
}

/** Trailing mobile signature and separators dropped, blank runs collapsed, trimmed. */
function tidy(lines: string[]): string {
  const end = [...lines];
  dropTrailingBlanks(end);
  if (end.length && isMarker(end[end.length - 1], MOBILE_SIGNATURE)) end.pop();
  dropTrailingBlanks(end);
  return end
    .join('\n')
    .replace(/\n[ \t]*\n(?:[ \t]*\n)+/g, '\n\n')
    .trim();
}

/** Removes blank and separator lines from the end of `lines`. */
function dropTrailingBlanks(lines: string[]): void {
  while (lines.length && (lines[lines.length - 1].trim() === '' || isMarker(lines[lines.length - 1], SEPARATOR))) {
    lines.pop();
  }
}
