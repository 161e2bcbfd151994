// The shape both SLA emails share (the escalation alert and the warning): a headline, a table of
// labelled fields, a closing line; as text and as HTML, user text escaped. Pure functions.
import type { SendMailJob } from '../queues/queues';
import type { BreachKind } from '../sla/sla';

export const KIND_LABEL: Record<BreachKind, string> = {
  first_response: 'first response',
  resolution: 'resolution',
};

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** Titles are single-line in a subject, whatever the requester typed. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface TicketAlert {
  subject: string;
  headline: string;
  fields: Array<[string, string]>;
  closing: string;
}

export function ticketAlertEmail(to: string, alert: TicketAlert): SendMailJob {
  const { headline, fields, closing } = alert;
  const width = Math.max(...fields.map(([label]) => label.length)) + 2;
  const text = [
    headline,
    '',
    ...fields.map(([label, value]) => `${`${label}:`.padEnd(width)}${oneLine(value)}`),
    '',
    closing,
  ].join('\n');
  const rows = fields
    .map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('');
  const html =
    `<p>${escapeHtml(headline)}</p>` +
    `<table cellpadding="4" cellspacing="0">${rows}</table>` +
    `<p>${escapeHtml(closing)}</p>`;
  return { to, subject: alert.subject, text, html };
}
