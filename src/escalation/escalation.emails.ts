// The escalation alert email. A pure function: what is sent is easy to read and to test.
import type { SendMailJob } from '../queues/queues';
import type { BreachKind } from '../sla/sla';
import { KIND_LABEL, oneLine, ticketAlertEmail } from './ticket-alert-email';

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
  return ticketAlertEmail(to, {
    subject: escalationSubject(alert.ticketId, alert.title),
    headline,
    fields,
    closing: 'Please take it in hand now.',
  });
}
