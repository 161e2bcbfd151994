// The escalation alert email. A pure function: what is sent is easy to read and to test.
import type { SendMailJob } from '../queues/queues';
import type { BreachKind } from '../sla/sla';

export interface EscalationAlert {
  ticketId: number;
  title: string;
  priority: string;
  kind: BreachKind;
  dueAt: Date;
  /** The ticket's escalation level after this escalation (1, or 2 when both targets were missed). */
  level: number;
  status: string;
  assignee: { name: string; email: string } | null;
}

const KIND_LABEL: Record<BreachKind, string> = {
  first_response: 'first response',
  resolution: 'resolution',
};

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** Titles are single-line in the subject, whatever the requester typed. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function escalationSubject(ticketId: number, title: string): string {
  return `[Escalated] #${ticketId} ${oneLine(title)}`;
}

/** One alert to one recipient: subject `[Escalated] #<id> <title>`, text and HTML bodies. */
export function escalationAlertEmail(to: string, alert: EscalationAlert): SendMailJob {
  const kind = KIND_LABEL[alert.kind];
  const due = alert.dueAt.toISOString();
  const assignee = alert.assignee ? `${alert.assignee.name} <${alert.assignee.email}>` : 'unassigned';
  const fields: Array<[string, string]> = [
    ['Ticket', `#${alert.ticketId}`],
    ['Title', alert.title],
    ['Priority', alert.priority],
    ['Breach', `${kind} (${alert.kind})`],
    ['Due', due],
    ['Assignee', assignee],
    ['Status', alert.status],
    ['Escalation level', String(alert.level)],
  ];
  const headline = `Ticket #${alert.ticketId} missed its ${kind} target (due ${due}) and was escalated.`;
  const width = Math.max(...fields.map(([label]) => label.length)) + 2;
  const text = [
    headline,
    '',
    ...fields.map(([label, value]) => `${`${label}:`.padEnd(width)}${oneLine(value)}`),
    '',
    'Please take it in hand now.',
  ].join('\n');
  const rows = fields
    .map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('');
  const html =
    `<p>${escapeHtml(headline)}</p>` +
    `<table cellpadding="4" cellspacing="0">${rows}</table>` +
    `<p>Please take it in hand now.</p>`;
  return { to, subject: escalationSubject(alert.ticketId, alert.title), text, html };
}
