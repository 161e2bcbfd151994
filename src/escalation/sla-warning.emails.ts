// The SLA warning email. A pure function: what is sent is easy to read and to test.
import type { SendMailJob } from '../queues/queues';
import type { BreachKind } from '../sla/sla';
import { escapeHtml } from './escalation.emails';

export interface SlaWarning {
  ticketId: number;
  title: string;
  priority: string;
  kind: BreachKind;
  dueAt: Date;
  status: string;
}

const KIND_LABEL: Record<BreachKind, string> = {
  first_response: 'first response',
  resolution: 'resolution',
};

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function slaWarningSubject(ticketId: number, title: string): string {
  return `[SLA warning] #${ticketId} ${oneLine(title)}`;
}

/** One warning to one recipient: subject `[SLA warning] #<id> <title>`, text and HTML bodies. */
export function slaWarningEmail(to: string, warning: SlaWarning): SendMailJob {
  const kind = KIND_LABEL[warning.kind];
  const due = warning.dueAt.toISOString();
  const fields: Array<[string, string]> = [
    ['Ticket', `#${warning.ticketId}`],
    ['Title', warning.title],
    ['Priority', warning.priority],
    ['Target', `${kind} (${warning.kind})`],
    ['Due', due],
    ['Status', warning.status],
  ];
  const headline = `The ${kind} target of ticket #${warning.ticketId} falls due at ${due}.`;
  const width = Math.max(...fields.map(([label]) => label.length)) + 2;
  const text = [
    headline,
    '',
    ...fields.map(([label, value]) => `${`${label}:`.padEnd(width)}${oneLine(value)}`),
    '',
    'Please take it in hand before it is escalated.',
  ].join('\n');
  const rows = fields
    .map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('');
  const html =
    `<p>${escapeHtml(headline)}</p>` +
    `<table cellpadding="4" cellspacing="0">${rows}</table>` +
    `<p>Please take it in hand before it is escalated.</p>`;
  return { to, subject: slaWarningSubject(warning.ticketId, warning.title), text, html };
}
