// Every migration, oldest first. `npm run migration:generate` writes a new file here: add it to this list.
import { UsersAndAuth1764000000000 } from './1764000000000-users-and-auth';
import { TicketsAndComments1764000100000 } from './1764000100000-tickets-and-comments';
import { EscalationAndOutbox1764000200000 } from './1764000200000-escalation-and-outbox';
import { IdempotencyKeys1764000300000 } from './1764000300000-idempotency-keys';
import { TemplatesAndFilters1764000400000 } from './1764000400000-templates-and-filters';
import { OutboxDelivery1764000500000 } from './1764000500000-outbox-delivery';
import { SearchStatistics1764000600000 } from './1764000600000-search-statistics';
import { SearchPendingList1764000700000 } from './1764000700000-search-pending-list';
import { IdempotencyClaim1764000800000 } from './1764000800000-idempotency-claim';
import { AccountEmailLimits1764000900000 } from './1764000900000-account-email-limits';
import { Attachments1764001000000 } from './1764001000000-attachments';
import { Webhooks1764001100000 } from './1764001100000-webhooks';
import { WebhookRetention1764001200000 } from './1764001200000-webhook-retention';
import { EmailChannel1764001300000 } from './1764001300000-email-channel';
import { BusinessHoursAutomations1764001400000 } from './1764001400000-business-hours-automations';
import { AuditLog1764001500000 } from './1764001500000-audit-log';
import { TicketSearch1764001600000 } from './1764001600000-ticket-search';
import { AutovacuumSettings1764001700000 } from './1764001700000-autovacuum-settings';

export const migrations: Function[] = [
  UsersAndAuth1764000000000,
  TicketsAndComments1764000100000,
  EscalationAndOutbox1764000200000,
  IdempotencyKeys1764000300000,
  TemplatesAndFilters1764000400000,
  OutboxDelivery1764000500000,
  SearchStatistics1764000600000,
  SearchPendingList1764000700000,
  IdempotencyClaim1764000800000,
  AccountEmailLimits1764000900000,
  Attachments1764001000000,
  Webhooks1764001100000,
  WebhookRetention1764001200000,
  EmailChannel1764001300000,
  BusinessHoursAutomations1764001400000,
  AuditLog1764001500000,
  TicketSearch1764001600000,
  AutovacuumSettings1764001700000,
];
