// Every entity, listed explicitly (no globs) so the app, the CLI and jest load the same classes.
import { AccountToken } from './auth/account-token.entity';
import { Attachment } from './attachments/attachment.entity';
import { AuditEntry } from './audit/audit-entry.entity';
import { Automation, AutomationRun } from './automations/automation.entity';
import { RefreshToken } from './sessions/refresh-token.entity';
import { Category } from './categories/category.entity';
import { Comment } from './comments/comment.entity';
import { EmailMessage } from './email/email-message.entity';
import { BusinessHours } from './sla/business-hours.entity';
import { SlaPolicy } from './sla/sla-policy.entity';
import { SavedFilter } from './filters/saved-filter.entity';
import { OutboxMessage } from './outbox/outbox-message.entity';
import { ResponseTemplate } from './templates/response-template.entity';
import { Tag } from './tags/tag.entity';
import { Ticket } from './tickets/ticket.entity';
import { TicketEvent } from './tickets/ticket-event.entity';
import { User } from './users/user.entity';
import { Webhook, WebhookDelivery, WebhookMessage } from './webhooks/webhook.entities';

export const entities: Function[] = [
  User,
  RefreshToken,
  AccountToken,
  Category,
  SlaPolicy,
  Ticket,
  Tag,
  Comment,
  TicketEvent,
  OutboxMessage,
  ResponseTemplate,
  SavedFilter,
  Attachment,
  Webhook,
  WebhookMessage,
  WebhookDelivery,
  EmailMessage,
  BusinessHours,
  Automation,
  AutomationRun,
  AuditEntry,
];
