// The SLA warning email. A pure function: what is sent is easy to read and to test.
import type { SendMailJob } from '../queues/queues';
import type { BreachKind } from '../sla/sla';
import { KIND_LABEL, oneLine, ticketAlertEmail } from './ticket-alert-email';

export interface SlaWarning {
  ticketId: number;
  title: string;
  priority: string;
  kind: BreachKind;
  dueAt: Date;
  status: string;
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
  return ticketAlertEmail(to, {
    subject: slaWarningSubject(warning.ticketId, warning.title),
    headline,
    fields,
    closing: 'Please take it in hand before it is escalated.',
  });
}
