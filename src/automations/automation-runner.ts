import { Injectable, Logger } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';
import { MessageSource } from '../common/ticket-enums';
import { TransactionContext } from '../database/transaction-context';
import { CommentsService } from '../comments/comments.service';
import { MAX_TICKET_TAGS, UpdateTicketDto } from '../tickets/dto/ticket.dtos';
import { AutomationCursor, TicketMatch } from '../tickets/ticket-automation-sql';
import { Ticket } from '../tickets/ticket.entity';
import { TicketRepository } from '../tickets/ticket.repository';
import { systemCaller } from '../tickets/write/system-caller';
import { TicketUpdateService } from '../tickets/write/ticket-update.service';
import { AutomationConditions } from './automation.entity';
import { tagsAfter } from './automation-rules';
import { ActiveRule, AutomationRepository } from './automation.repository';

/** Tickets read per page of one rule's candidates. */
export const AUTOMATION_BATCH_SIZE = 100;
/** Pages per rule per sweep: the rest waits for the next sweep (which goes on where this one stopped). */
export const AUTOMATION_MAX_BATCHES = 10;

/** A rule's conditions as the tickets' SQL takes them. */
export function ticketMatchOf(conditions: AutomationConditions): TicketMatch {
  return {
    statuses: conditions.status,
    priorities: conditions.priority,
    categoryIds: conditions.category_id,
    tagsAll: conditions.tags_all,
    tagsNone: conditions.tags_none,
    hoursSinceUpdate: conditions.hours_since_update,
    hoursInStatus: conditions.hours_in_status,
  };
}

/**
 * Applies every active automation to the tickets that match it (API.md → automations), called by
 * each SLA sweep. Tickets are taken in batches with FOR UPDATE SKIP LOCKED, so several workers
 * share the work and none waits on another's rows; a rule applies once per (rule, ticket, version)
 * (`automation_runs`), through TicketUpdateService and CommentsService, like an agent's change.
 */
@Injectable()
export class AutomationRunner {
  private readonly logger = new Logger(AutomationRunner.name);
  /** Per rule, where this worker's next sweep goes on (absent: from the start). */
  private readonly cursors = new Map<number, AutomationCursor>();

  constructor(
    private readonly tx: TransactionContext,
    private readonly automations: AutomationRepository,
    private readonly tickets: TicketRepository,
    private readonly updates: TicketUpdateService,
    private readonly comments: CommentsService,
  ) {}

  /** The number of (rule, ticket) applications this call made. */
  async runAll(): Promise<number> {
    let applied = 0;
    const rules = await this.automations.activeRules();
    for (const id of this.cursors.keys()) if (!rules.some((rule) => rule.id === id)) this.cursors.delete(id);
    for (const rule of rules) applied += await this.runRule(rule);
    return applied;
  }

  /**
   * Up to AUTOMATION_MAX_BATCHES pages of the rule's candidates, in the walk's order, from where the last
   * sweep stopped: tickets the rule was refused on stay candidates at their version, and must not
   * hold back the others.
   */
  private async runRule(rule: ActiveRule): Promise<number> {
    const match = ticketMatchOf(rule.conditions);
    let after: AutomationCursor = this.cursors.get(rule.id) ?? null;
    let applied = 0;
    for (let batch = 0; batch < AUTOMATION_MAX_BATCHES; batch++) {
      const page = await this.tickets.automationCandidates(match, after, AUTOMATION_BATCH_SIZE);
      const last = page[page.length - 1];
      after = page.length < AUTOMATION_BATCH_SIZE ? null : { key: last.key, id: last.id };
      for (const candidate of await this.automations.notRunYet(rule.id, page)) {
        if (await this.applyTo(rule, match, candidate)) applied++;
      }
      if (after === null) break;
    }
    this.cursors.set(rule.id, after);
    return applied;
  }

  /**
   * One ticket, one transaction: lock it unless another worker holds it, re-check it still matches
   * at the version it was found at, claim the (rule, ticket, version) run, apply. A ticket the
   * rule cannot be applied to (it changed in a way the rule's checks did not foresee: an assignee
   * deactivated since) is logged and marked done at that version; anything else is logged and
   * retried by the next sweep. Never throws.
   */
  private async applyTo(rule: ActiveRule, match: TicketMatch, candidate: { id: number; version: number }) {
    try {
      return await this.tx.begin(async () => {
        const ticket = await this.tickets.lockForAutomation(candidate.id, candidate.version, match);
        if (!ticket) return false;
        if (!(await this.automations.claimRun(rule, ticket.id, ticket.version))) return false;
        await this.apply(rule, ticket);
        return true;
      });
    } catch (error) {
      const refused = error instanceof AppException;
      this.logger.warn(
        { err: error, automationId: rule.id, ticketId: candidate.id, version: candidate.version, refused },
        'Automation not applied to a ticket',
      );
      if (refused) await this.markRefused(rule.id, candidate);
      return false;
    }
  }

  private async apply(rule: ActiveRule, ticket: Ticket): Promise<void> {
    const { actions } = rule;
    const change: UpdateTicketDto = { version: ticket.version };
    if (actions.status !== undefined) change.status = actions.status;
    if (actions.priority !== undefined) change.priority = actions.priority;
    if (actions.assignee_id !== undefined) change.assignee_id = actions.assignee_id;
    if (actions.add_tags || actions.remove_tags) {
      change.tags = tagsAfter(await this.tickets.tagNames(ticket.id), actions);
      // The DTO's bound, which this change does not pass through: refused, logged, done at this version.
      if (change.tags.length > MAX_TICKET_TAGS) {
        throw AppException.unprocessable(`A ticket has at most ${MAX_TICKET_TAGS} tags`, {
          'actions.add_tags': [`would give the ticket more than ${MAX_TICKET_TAGS} tags`],
        });
      }
    }
    const caller = systemCaller();
    await this.updates.applyChanges(caller, ticket, change, { automationId: rule.id });
    if (actions.comment) {
      // Create and PATCH set the author; a rule without one (seeded) has no comment action.
      if (rule.authorId === null) throw AppException.unprocessable('A comment action needs the rule to have an author');
      await this.comments.create(caller, ticket.id, actions.comment, MessageSource.API, {
        automation: { id: rule.id, authorId: rule.authorId },
      });
    }
  }

  private async markRefused(automationId: number, candidate: { id: number; version: number }): Promise<void> {
    try {
      await this.tx.begin(() => this.automations.markRun(automationId, candidate.id, candidate.version));
    } catch (error) {
      // The rule was deleted meanwhile (foreign key), or the database is away: the next sweep decides.
      this.logger.warn({ err: error, automationId, ticketId: candidate.id }, 'Could not mark an automation done');
    }
  }
}
