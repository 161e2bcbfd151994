// POST /tickets/bulk: one status for up to 100 tickets, all or nothing. Every id is checked first
// (visibility, assignment, transition) so a refusal lists every offender, and nothing changes.
import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../../database/transaction-context';
import { AuthUser } from '../../common/auth-user';
import { AppException } from '../../common/errors/app.exception';
import { UserRole } from '../../common/user-role';
import { TicketStatus } from '../../common/ticket-enums';
import { Ticket } from '../ticket.entity';
import { TicketJson } from '../read/ticket.presenter';
import { TicketRepository } from '../ticket.repository';
import { checkStatusChange } from './ticket-status-machine';
import { TicketUpdateService } from './ticket-update.service';

export interface BulkOffender {
  id: number;
  reason: 'not_found' | 'not_assigned_to_you' | 'invalid_transition';
  from?: TicketStatus;
}

@Injectable()
export class TicketBulkService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly tickets: TicketRepository,
    private readonly updates: TicketUpdateService,
  ) {}

  async setStatus(caller: AuthUser, requestedIds: number[], status: TicketStatus): Promise<TicketJson[]> {
    const ids = [...new Set(requestedIds)].sort((a, b) => a - b);
    return this.tx.run(async () => {
      const rows = await this.tickets.lockVisible(caller, ids);
      const offenders = findOffenders(caller, ids, rows, status);
      if (offenders.length) {
        throw AppException.unprocessable(
          `${offenders.length} of ${ids.length} tickets cannot be changed; nothing was`,
          {
            offenders,
          },
        );
      }
      const updated: TicketJson[] = [];
      for (const ticket of rows) {
        updated.push((await this.updates.changeAndRead(caller, ticket, { version: ticket.version, status })).json);
      }
      return updated;
    });
  }
}

export function findOffenders(caller: AuthUser, ids: number[], rows: Ticket[], status: TicketStatus): BulkOffender[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const offenders: BulkOffender[] = [];
  for (const id of ids) {
    const ticket = byId.get(id);
    if (!ticket) offenders.push({ id, reason: 'not_found' });
    else if (caller.role !== UserRole.ADMIN && ticket.assigneeId !== caller.id) {
      offenders.push({ id, reason: 'not_assigned_to_you' });
    } else if (checkStatusChange(ticket.status, status, { role: caller.role, isRequester: false }).kind === 'invalid') {
      offenders.push({ id, reason: 'invalid_transition', from: ticket.status });
    }
  }
  return offenders;
}
