// What an automation means, as pure rules (API.md → automations): when a ticket matches a rule's
// conditions, whether a rule's actions would leave a ticket still matching (a rule that loops), and
// whether its status action is reachable. Unit-tested; the worker's SQL twin is
// tickets/ticket-automation-sql.ts.
import { TicketPriority, TicketStatus } from '../common/ticket-enums';
import type { AutomationActions, AutomationConditions } from './automation.entity';

/** What a rule's conditions look at on a ticket. */
export interface TicketState {
  status: TicketStatus;
  priority: TicketPriority;
  categoryId: number | null;
  /** Normalised (lower-case) tag names. */
  tags: readonly string[];
  updatedAt: Date;
  statusChangedAt: Date;
}

/** `hours` (fractions allowed) in milliseconds. */
export function hoursToMs(hours: number): number {
  return hours * 3_600_000;
}

/**
 * Whether `ticket` matches `conditions` at `now`: every given part holds. A time condition holds
 * once at least that many hours have passed (`hours_in_status: 72` matches at 72 h exactly).
 */
export function matches(conditions: AutomationConditions, ticket: TicketState, now: Date): boolean {
  if (!conditions.status.includes(ticket.status)) return false;
  if (conditions.priority && !conditions.priority.includes(ticket.priority)) return false;
  if (conditions.category_id && (ticket.categoryId === null || !conditions.category_id.includes(ticket.categoryId))) {
    return false;
  }
  const tags = new Set(ticket.tags);
  if (conditions.tags_all && !conditions.tags_all.every((tag) => tags.has(tag))) return false;
  if (conditions.tags_none && conditions.tags_none.some((tag) => tags.has(tag))) return false;
  const elapsed = (since: Date) => now.getTime() - since.getTime();
  if (
    conditions.hours_since_update !== undefined &&
    elapsed(ticket.updatedAt) < hoursToMs(conditions.hours_since_update)
  ) {
    return false;
  }
  if (
    conditions.hours_in_status !== undefined &&
    elapsed(ticket.statusChangedAt) < hoursToMs(conditions.hours_in_status)
  ) {
    return false;
  }
  return true;
}

/** A ticket's tags after a rule's actions: current + add − remove, normalised. */
export function tagsAfter(current: readonly string[], actions: AutomationActions): string[] {
  const remove = new Set(actions.remove_tags ?? []);
  return [...new Set([...current, ...(actions.add_tags ?? [])])].filter((tag) => !remove.has(tag)).sort();
}

/**
 * Whether a ticket that matches `conditions` would still match after `actions` (ignoring time: time
 * passes, so a time condition a change resets would hold again later). Such a rule would apply
 * again and again (after every change it makes itself), so it is refused.
 *
 * - status: no status action, or the new status is one of the statuses it matches;
 * - priority: no priority condition, or no priority action, or the new priority is one it matches;
 * - category: always (there is no category action);
 * - tags_all: nothing removed that it requires;
 * - tags_none: nothing added that it excludes.
 */
export function wouldLoop(conditions: AutomationConditions, actions: AutomationActions): boolean {
  const status = actions.status === undefined || conditions.status.includes(actions.status);
  const priority =
    conditions.priority === undefined ||
    actions.priority === undefined ||
    conditions.priority.includes(actions.priority);
  const removed = new Set(actions.remove_tags ?? []);
  const added = new Set(actions.add_tags ?? []);
  const tagsAll = !(conditions.tags_all ?? []).some((tag) => removed.has(tag));
  const tagsNone = !(conditions.tags_none ?? []).some((tag) => added.has(tag));
  return status && priority && tagsAll && tagsNone;
}

/** Whether the status machine lets the desk (an admin) move a ticket from `from` to `to`; same status is fine. */
export type TransitionCheck = (from: TicketStatus, to: TicketStatus) => boolean;

/** The statuses of `conditions` from which `actions.status` cannot be reached (empty when there is no status action). */
export function unreachableFrom(
  conditions: AutomationConditions,
  actions: AutomationActions,
  allowed: TransitionCheck,
): TicketStatus[] {
  const to = actions.status;
  if (to === undefined) return [];
  return conditions.status.filter((from) => from !== to && !allowed(from, to));
}

/** A problem with a rule's meaning: the field it concerns and what is wrong (→ 422). */
export interface RuleProblem {
  field: string;
  problem: string;
}

/**
 * Everything wrong with a (shape-valid, normalised) rule that needs no database: a status action
 * the machine does not allow (or `escalated`, which only the escalation worker sets), edits of
 * closed tickets, tags both added and removed, conditions that can never hold, a rule that would
 * loop. The first problem found, or null.
 */
export function ruleProblem(
  conditions: AutomationConditions,
  actions: AutomationActions,
  allowed: TransitionCheck,
): RuleProblem | null {
  if (!Object.values(actions).some((value) => value !== undefined)) {
    return { field: 'actions', problem: 'must contain at least one action' };
  }
  if (actions.status === TicketStatus.ESCALATED) {
    return { field: 'actions.status', problem: 'cannot be escalated: only the escalation worker sets it' };
  }
  const unreachable = unreachableFrom(conditions, actions, allowed);
  if (unreachable.length) {
    return {
      field: 'actions.status',
      problem: `cannot be reached from ${unreachable.join(', ')} (the status machine does not allow it)`,
    };
  }
  const edits = (['priority', 'add_tags', 'remove_tags'] as const).filter((f) => actions[f] !== undefined);
  if (conditions.status.includes(TicketStatus.CLOSED) && edits.length) {
    return {
      field: 'conditions.status',
      problem: `includes closed, and a closed ticket cannot be edited (${edits.map((f) => `actions.${f}`).join(', ')})`,
    };
  }
  const both = (actions.add_tags ?? []).filter((tag) => (actions.remove_tags ?? []).includes(tag));
  if (both.length) return { field: 'actions.add_tags', problem: `also removed: ${both.join(', ')}` };
  const contradiction = (conditions.tags_all ?? []).filter((tag) => (conditions.tags_none ?? []).includes(tag));
  if (contradiction.length) {
    return {
      field: 'conditions.tags_none',
      problem: `also in tags_all, so nothing matches: ${contradiction.join(', ')}`,
    };
  }
  if (wouldLoop(conditions, actions)) {
    return {
      field: 'actions',
      problem:
        'would leave a matching ticket still matching the conditions, so the rule would keep matching (it would loop): ' +
        'change the status or priority out of the conditions, remove a required tag or add an excluded one',
    };
  }
  return null;
}
