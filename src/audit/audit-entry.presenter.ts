// The wire shape of an audit entry: the one place a row of `audit_log` becomes JSON.
import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from './audit-actions';

export class AuditEntryJson {
  @ApiProperty({ type: 'integer', example: 1042 }) id!: number;
  @ApiProperty({ format: 'date-time', description: 'when the change was made (its transaction began)' }) at!: string;
  @ApiProperty({ enum: AUDIT_ACTIONS, enumName: 'AuditAction', example: 'user.role_changed' }) action!: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'who acted; null for a failed login, refresh-token reuse and the desk itself',
  })
  actor_id!: number | null;
  @ApiProperty({ type: String, nullable: true, description: "the actor's current email" })
  actor_email!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '203.0.113.7',
    description: "the client's address (behind TRUST_PROXY_HOPS proxies); null outside a request",
  })
  actor_ip!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'user',
    description: `what the entry is about: ${AUDIT_TARGET_TYPES.join(', ')}; null when nothing in particular`,
  })
  target_type!: string | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: "the target's id; null for business hours and SLA policies (`details.priority`)",
  })
  target_id!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'the `X-Request-Id` of the request that did it' })
  request_id!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { from: 'agent', to: 'admin' },
    description:
      'what changed: before/after of non-secret fields (`changes: {field: {from, to}}`), or what was created or ' +
      'deleted. Never a password, hash, token or webhook secret; webhook URLs only as their origin. At most 4 KB.',
  })
  details!: Record<string, unknown>;
}

/** A row of the list query (snake_case already; `id` is a bigint, so a string). */
export interface AuditRow {
  id: string;
  at: Date;
  action: string;
  actor_id: number | null;
  actor_email: string | null;
  actor_ip: string | null;
  target_type: string | null;
  target_id: number | null;
  request_id: string | null;
  details: Record<string, unknown>;
}

/** Ids are integers on the wire (API: Conventions); entry ids stay exact below 2^53. */
export function toAuditEntryJson(row: AuditRow): AuditEntryJson {
  return {
    id: Number(row.id),
    at: row.at.toISOString(),
    action: row.action,
    actor_id: row.actor_id,
    actor_email: row.actor_email,
    actor_ip: row.actor_ip,
    target_type: row.target_type,
    target_id: row.target_id,
    request_id: row.request_id,
    details: row.details,
  };
}
