import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Cron, CronExpression } from '@nestjs/schedule';
import { AttachmentObjects } from '../attachments/attachment-objects';
import { AuditLog } from '../audit/audit-log';
import { AccountTokensService } from '../auth/account-tokens.service';
import { workerConfig } from '../config';
import { OutboxService } from '../outbox/outbox.service';
import { SessionsService } from '../sessions/sessions.service';

/** Relayed outbox rows are kept this long for the record, then deleted. */
export const OUTBOX_RETENTION_DAYS = 7;

/**
 * Process-local chores on a timer (`@nestjs/schedule`, not BullMQ): each is an idempotent DELETE,
 * so every worker process may run it; nothing is lost if one is skipped. Anything that must happen
 * exactly once, or survive a crash, is a BullMQ job instead (the SLA sweep).
 */
@Injectable()
export class HousekeepingService {
  private readonly logger = new Logger(HousekeepingService.name);

  constructor(
    private readonly sessions: SessionsService,
    private readonly accountTokens: AccountTokensService,
    private readonly outbox: OutboxService,
    private readonly attachmentObjects: AttachmentObjects,
    private readonly audit: AuditLog,
    @Inject(workerConfig.KEY) private readonly config: ConfigType<typeof workerConfig>,
  ) {}

  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'purge-expired', waitForCompletion: true })
  async purgeExpired(): Promise<void> {
    try {
      await this.sessions.purgeExpired();
      await this.accountTokens.purgeExpired();
      await this.purgeRelayedOutbox();
      await this.purgeAuditLog();
    } catch (error) {
      this.logger.warn({ err: error }, 'Housekeeping failed; it runs again tomorrow');
    }
  }

  /**
   * Stored attachment objects no row names, older than 24 h (an upload that crashed between storing
   * and committing), and temporaries of uploads that never finished. Safe beside uploads and other
   * workers: each removal takes the object's lock and checks again (AttachmentObjects).
   */
  @Cron(CronExpression.EVERY_HOUR, { name: 'sweep-attachment-orphans', waitForCompletion: true })
  async sweepAttachmentOrphans(): Promise<void> {
    try {
      const removed = await this.attachmentObjects.sweepOrphans();
      if (removed) this.logger.log({ removed }, 'Removed orphaned attachment objects');
    } catch (error) {
      this.logger.warn({ err: error }, 'The attachment orphan sweep failed; it runs again in an hour');
    }
  }

  /** Audit-log entries past AUDIT_RETENTION_DAYS (0: kept forever). */
  async purgeAuditLog(): Promise<void> {
    if (this.config.auditRetentionDays <= 0) return;
    const purged = await this.audit.purgeOlderThan(this.config.auditRetentionDays);
    if (purged) this.logger.log({ purged }, 'Purged old audit-log entries');
  }

  /** Outbox rows relayed a week ago, and rows never relayed whose `send_before` passed a week ago. */
  purgeRelayedOutbox(): Promise<void> {
    return this.outbox.purgeOlderThan(OUTBOX_RETENTION_DAYS);
  }
}
