import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { TransactionContext } from '../database/transaction-context';
import { TICKET_PRIORITIES, TicketPriority } from '../common/ticket-enums';
import { UpdateSlaPolicyDto } from './dto/sla-policy.dtos';
import { SlaPolicy } from './sla-policy.entity';

const RANK = new Map(TICKET_PRIORITIES.map((priority, index) => [priority, index]));

/**
 * The owner of `sla_policies`: `/sla-policies`, and the policy a ticket's due dates are computed
 * from. One policy per priority (seeded by the migration, so there always is one).
 */
@Injectable()
export class SlaPoliciesService {
  constructor(private readonly tx: TransactionContext) {}

  /** Joins the caller's transaction when one is open (a ticket's create or priority change). */
  private get policies(): Repository<SlaPolicy> {
    return this.tx.manager.getRepository(SlaPolicy);
  }

  /** The policy of `priority`: what a ticket of that priority is promised. */
  policyFor(priority: TicketPriority): Promise<SlaPolicy> {
    return this.policies.findOneByOrFail({ priority });
  }

  /** Low → urgent. */
  async list(): Promise<SlaPolicy[]> {
    const all = await this.policies.find();
    return all.sort((a, b) => RANK.get(a.priority)! - RANK.get(b.priority)!);
  }

  /**
   * Sets the targets of a priority. Tickets store their due dates when created (and when their
   * priority changes), so the new minutes apply to tickets created (or re-prioritised) from now on;
   * existing due dates stay as they were promised.
   */
  async update(priority: string, input: UpdateSlaPolicyDto): Promise<SlaPolicy> {
    if (!isPriority(priority)) throw AppException.notFound('SLA policy');
    await this.policies.query(
      `INSERT INTO sla_policies (priority, first_response_minutes, resolution_minutes) VALUES ($1, $2, $3)
       ON CONFLICT (priority) DO UPDATE
         SET first_response_minutes = EXCLUDED.first_response_minutes,
             resolution_minutes = EXCLUDED.resolution_minutes,
             updated_at = now()`,
      [priority, input.first_response_minutes, input.resolution_minutes],
    );
    return this.policies.findOneByOrFail({ priority });
  }
}

function isPriority(value: string): value is TicketPriority {
  return (TICKET_PRIORITIES as string[]).includes(value);
}
