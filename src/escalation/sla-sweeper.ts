import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AutomationRunner } from '../automations/automation-runner';
import { Metrics } from '../metrics/metrics';
import { OutboxService } from '../outbox/outbox.service';
import { ESCALATE_JOB_OPTIONS, escalateJobId, EscalationQueueJob, JOBS, QUEUES } from '../queues/queues';
import { withTimeout } from '../common/timeout';
import { BREACH_KINDS } from '../sla/sla';
import { TicketRepository } from '../tickets/ticket.repository';
import type { BreachKind } from '../sla/sla';
import { SlaWarningService } from './sla-warning.service';

const ENQUEUE_TIMEOUT_MS = 10_000;

export interface SweepResult {
  /** Escalate jobs handed to BullMQ (those already queued under the same id are ignored by it). */
  found: number;
  /** Outbox rows that were left behind and relayed now. */
  relayed: number;
  /** SLA warnings (ticket × kind) written by this sweep. */
  warned: number;
  /** Automation applications (rule × ticket) made by this sweep. */
  automated: number;
}

/**
 * The safety net that makes escalation independent of timers: every SLA_SWEEP_INTERVAL_SECONDS,
 * for each breach kind, page through the tickets breached and not escalated for it (a partial
 * index holds exactly the candidates; see sla-sql.ts), and add one `escalate` job per
 * ticket and kind, with the deterministic id `esc-<ticket>-<kind>`, so sweeps that overlap (several
 * workers, or a ticket still waiting from the last sweep) add nothing twice. Then write the SLA
 * warnings that fell due (SlaWarningService, inline: each is one conditional UPDATE), run the
 * automations, and relay the outbox rows that a crashed or failed writer left behind.
 */
@Injectable()
export class SlaSweeper {
  private readonly logger = new Logger(SlaSweeper.name);

  constructor(
    private readonly tickets: TicketRepository,
    @InjectQueue(QUEUES.ESCALATION) private readonly queue: Queue<EscalationQueueJob>,
    private readonly outbox: OutboxService,
    private readonly automations: AutomationRunner,
    private readonly warnings: SlaWarningService,
    private readonly metrics: Metrics,
  ) {}

  async sweep(): Promise<SweepResult> {
    const end = this.metrics.slaSweepDuration.startTimer();
    try {
      const result = await this.sweepOnce();
      end({ outcome: 'ok' });
      return result;
    } catch (error) {
      end({ outcome: 'error' });
      throw error;
    }
  }

  private async sweepOnce(): Promise<SweepResult> {
    let found = 0;
    for (const kind of BREACH_KINDS) found += await this.enqueueBreached(kind);
    const warned = await this.warnings.warnDue();
    const automated = await this.automations.runAll();
    const relayed = await this.outbox.relay();
    if (found || warned || relayed || automated) this.logger.log({ found, warned, relayed, automated }, 'SLA sweep');
    return { found, warned, relayed, automated };
  }

  private async enqueueBreached(kind: BreachKind): Promise<number> {
    let total = 0;
    for await (const ids of this.tickets.breachedPages(kind)) {
      await withTimeout(
        this.queue.addBulk(
          ids.map((ticketId) => ({
            name: JOBS.ESCALATE,
            data: { ticketId, kind },
            opts: { ...ESCALATE_JOB_OPTIONS, jobId: escalateJobId(ticketId, kind) },
          })),
        ),
        ENQUEUE_TIMEOUT_MS,
      );
      total += ids.length;
    }
    return total;
  }
}
