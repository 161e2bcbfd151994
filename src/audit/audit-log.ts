// The owner of `audit_log`: records admin and security actions, lists them for admins, purges old ones.
import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { currentRequest } from '../common/http/request-context';
import { Page, toPage } from '../common/pagination/pagination';
import { CappedCounter } from '../database/capped-counts';
import { rawRows } from '../database/raw-rows';
import { TransactionContext } from '../database/transaction-context';
import { AuditAction, AuditTarget } from './audit-actions';
import { AuditDetails, boundDetails } from './audit-details';
import { AuditEntry } from './audit-entry.entity';
import { AuditEntryJson, AuditRow, toAuditEntryJson } from './audit-entry.presenter';
import { ListAuditLogQueryDto } from './dto/audit-log.dtos';

export interface AuditRecord {
  action: AuditAction;
  target?: AuditTarget;
  details?: AuditDetails;
  /**
   * Who acted. Left out: the caller of the current request (null outside one, or on a public
   * route). Given: a login's user, or null for nobody in particular (a failed login).
   */
  actorId?: number | null;
}

/** Rows deleted per statement by the purge, so a first purge of a long log takes no long lock. */
const PURGE_BATCH = 5_000;

@Injectable()
export class AuditLog {
  constructor(
    private readonly tx: TransactionContext,
    private readonly counts: CappedCounter,
  ) {}

  private get entries(): Repository<AuditEntry> {
    return this.tx.manager.getRepository(AuditEntry);
  }

  /**
   * One INSERT of one or more entries, in the ambient transaction when one is open: an entry
   * recorded inside a change's `tx.run` commits with the change or not at all. The request's
   * address and id (and its caller, unless `actorId` is given) come from the request context, and
   * `auth.*` entries get its user agent in `details.user_agent`.
   */
  async record(...records: AuditRecord[]): Promise<void> {
    if (!records.length) return;
    const request = currentRequest();
    const values: unknown[] = [];
    const rows = records.map((record) => {
      const actorId = record.actorId !== undefined ? record.actorId : (request?.userId ?? null);
      values.push(
        actorId,
        request?.ip.slice(0, 64) ?? null,
        record.action,
        record.target?.type ?? null,
        record.target?.id ?? null,
        request?.requestId.slice(0, 128) ?? null,
        JSON.stringify(boundDetails(withUserAgent(record, request?.userAgent ?? null))),
      );
      const n = values.length - 7;
      return `($${n + 1}::int, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}::int, $${n + 6}, $${n + 7}::jsonb)`;
    });
    await this.tx.manager.query(
      `INSERT INTO audit_log (actor_id, actor_ip, action, target_type, target_id, request_id, details)
       VALUES ${rows.join(', ')}`,
      values,
    );
  }

  /** Newest first, filtered; each entry with its actor's current email. */
  async list(query: ListAuditLogQueryDto): Promise<Page<AuditEntryJson>> {
    const qb = this.entries.createQueryBuilder('a');
    if (query.action?.length) qb.andWhere('a.action IN (:...actions)', { actions: query.action });
    if (query.actor_id !== undefined) qb.andWhere('a.actorId = :actorId', { actorId: query.actor_id });
    if (query.target_type) qb.andWhere('a.targetType = :targetType', { targetType: query.target_type });
    if (query.target_id !== undefined) qb.andWhere('a.targetId = :targetId', { targetId: query.target_id });
    if (query.from) qb.andWhere('a.at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('a.at < :to', { to: new Date(query.to) });
    const page = qb
      .clone()
      .leftJoin('users', 'u', 'u.id = a.actorId')
      .select([
        'a.id AS id',
        'a.at AS at',
        'a.action AS action',
        'a.actor_id AS actor_id',
        'u.email AS actor_email',
        'a.actor_ip AS actor_ip',
        'a.target_type AS target_type',
        'a.target_id AS target_id',
        'a.request_id AS request_id',
        'a.details AS details',
      ])
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .offset(query.offset)
      .limit(query.limit);
    const [rows, count] = await Promise.all([page.getRawMany<AuditRow>(), this.counts.count(qb)]);
    return toPage(rows.map(toAuditEntryJson), count, query);
  }

  /** Entries older than `days`, in batches; returns how many went. */
  async purgeOlderThan(days: number): Promise<number> {
    let purged = 0;
    for (;;) {
      const deleted: unknown[] | [unknown[], number] = await this.tx.pool.query(
        `DELETE FROM audit_log WHERE id IN (
           SELECT id FROM audit_log WHERE at < now() - make_interval(days => $1) ORDER BY at, id LIMIT $2)
         RETURNING 1`,
        [days, PURGE_BATCH],
      );
      const n = rawRows(deleted).length;
      purged += n;
      if (n < PURGE_BATCH) return purged;
    }
  }
}

/** Logins and other `auth.*` entries say which client it was: the request's user agent (bounded). */
function withUserAgent(record: AuditRecord, userAgent: string | null): AuditDetails | undefined {
  if (!record.action.startsWith('auth.') || userAgent === null) return record.details;
  return { ...record.details, user_agent: userAgent };
}
