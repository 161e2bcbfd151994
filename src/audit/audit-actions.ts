// What the audit log records: a fixed vocabulary of dotted names (`GET /audit-log?action=` takes
// exactly these), and the kinds of things an entry is about.

export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.password_reset',
  'auth.refresh_token_reused',
  'user.created',
  'user.role_changed',
  'user.deactivated',
  'user.reactivated',
  'user.password_changed',
  'category.created',
  'category.updated',
  'category.deleted',
  'sla_policy.updated',
  'business_hours.updated',
  'automation.created',
  'automation.updated',
  'automation.deleted',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
  'webhook.secret_rotated',
  'ticket.deleted',
  'ticket.restored',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_TYPES = [
  'user',
  'category',
  'sla_policy',
  'business_hours',
  'automation',
  'webhook',
  'ticket',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** What an entry is about: `id` null for the desk's singletons (business hours, an SLA policy by priority). */
export interface AuditTarget {
  type: AuditTargetType;
  id: number | null;
}
