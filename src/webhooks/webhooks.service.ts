import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { changesBetween, urlOrigin } from '../audit/audit-details';
import { AuthUser } from '../common/auth-user';
import { AppException } from '../common/errors/app.exception';
import { Page, PaginationQueryDto, toPage } from '../common/pagination/pagination';
import { withTimeout } from '../common/timeout';
import { webhookConfig } from '../config';
import { CappedCounter } from '../database/capped-counts';
import { mapConstraintErrors } from '../database/database-errors';
import { TransactionContext } from '../database/transaction-context';
import { CreateWebhookDto, ListWebhookDeliveriesQueryDto, UpdateWebhookDto } from './dto/webhook.dtos';
import { Webhook, WebhookDelivery, WebhookMessage } from './webhook.entities';
import {
  DeliveryRow,
  toWebhookDeliveryJson,
  toWebhookJson,
  toWebhookWithSecretJson,
  WebhookDeliveryJson,
  WebhookJson,
  WebhookPingJson,
  WebhookWithSecretJson,
} from './webhook.presenter';
import { WebhookDispatcher } from './webhook-dispatcher';
import { encryptSecret, generateSecret } from './webhook-secrets';
import { ForbiddenTargetError, MAX_WEBHOOK_URL_LENGTH, resolveTarget } from './webhook-targets';

const W = 'w';
const D = 'd';
/** A registration must not hang on a resolver that never answers (getaddrinfo cannot be cancelled). */
const RESOLVE_TIMEOUT_MS = 5_000;

/**
 * The admin side of webhooks: registering hooks (the target checked, the secret generated and
 * stored encrypted), reading their delivery log, and asking the dispatcher for a ping or a
 * redelivery. Delivery itself is the pipeline's (WebhookDispatcher and the webhook queue).
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly counts: CappedCounter,
    private readonly dispatcher: WebhookDispatcher,
    private readonly audit: AuditLog,
    @Inject(webhookConfig.KEY) private readonly config: ConfigType<typeof webhookConfig>,
  ) {}

  private get webhooks(): Repository<Webhook> {
    return this.tx.manager.getRepository(Webhook);
  }

  /** Newest first (by id). */
  async list(query: PaginationQueryDto): Promise<Page<WebhookJson>> {
    const qb = this.webhooks.createQueryBuilder(W);
    const [items, count] = await Promise.all([
      qb.clone().orderBy(`${W}.id`, 'DESC').offset(query.offset).limit(query.limit).getMany(),
      this.counts.count(qb),
    ]);
    return toPage(items.map(toWebhookJson), count, query);
  }

  async get(id: number): Promise<WebhookJson> {
    return toWebhookJson(await this.find(id));
  }

  async create(caller: AuthUser, input: CreateWebhookDto): Promise<WebhookWithSecretJson> {
    const url = await this.checkedUrl(input.url);
    const secret = generateSecret();
    const created = await this.tx.run(async () => {
      const inserted = await this.webhooks.insert({
        url,
        events: distinct(input.events),
        description: input.description ?? null,
        active: input.active ?? true,
        includeInternal: input.include_internal ?? false,
        secretEncrypted: encryptSecret(this.config.secretKey, secret),
        createdBy: caller.id,
      });
      const webhook = await this.find(inserted.identifiers[0].id as number);
      await this.audit.record({
        action: 'webhook.created',
        target: { type: 'webhook', id: webhook.id },
        details: auditedHook(webhook),
      });
      return webhook;
    });
    return toWebhookWithSecretJson(created, secret);
  }

  async update(id: number, changes: UpdateWebhookDto): Promise<WebhookJson> {
    await this.find(id);
    const patch: Partial<
      Pick<
        Webhook,
        'url' | 'events' | 'description' | 'active' | 'includeInternal' | 'deactivatedReason' | 'failingSince'
      >
    > = {};
    if (changes.url !== undefined) patch.url = await this.checkedUrl(changes.url);
    if (changes.events !== undefined) patch.events = distinct(changes.events);
    if (changes.description !== undefined) patch.description = changes.description;
    if (changes.include_internal !== undefined) patch.includeInternal = changes.include_internal;
    if (changes.active !== undefined) patch.active = changes.active;
    if (changes.active === true) {
      // Switching a hook back on is an admin saying "try again": the old reason and the 3-day clock go.
      patch.deactivatedReason = null;
      patch.failingSince = null;
    }
    if (!Object.keys(patch).length) return this.get(id);
    const updated = await this.tx.run(async () => {
      const before = await this.find(id, true);
      // An UPDATE, never save(): save() would re-insert a row deleted meanwhile.
      await this.webhooks.update({ id }, patch);
      const after = await this.find(id);
      const changes = changesBetween(auditedHook(before), auditedHook(after));
      await this.audit.record({
        action: 'webhook.updated',
        target: { type: 'webhook', id },
        // The URL only by its origin: a path change shows as `url_changed`.
        details: before.url !== after.url ? { changes, url_changed: true } : { changes },
      });
      return after;
    });
    return toWebhookJson(updated);
  }

  /** Its deliveries go with it (ON DELETE CASCADE); the messages stay for the other hooks. */
  async delete(id: number): Promise<void> {
    await this.tx.run(async () => {
      const webhook = await this.find(id, true);
      await this.webhooks.delete({ id });
      await this.audit.record({
        action: 'webhook.deleted',
        target: { type: 'webhook', id },
        details: auditedHook(webhook),
      });
    });
  }

  /** Takes effect at once: every attempt from now on, retries of older messages included, signs with the new one. */
  async rotateSecret(id: number): Promise<WebhookWithSecretJson> {
    const secret = generateSecret();
    const rotated = await this.tx.run(async () => {
      await this.find(id, true);
      await this.webhooks.update({ id }, { secretEncrypted: encryptSecret(this.config.secretKey, secret) });
      // Neither secret is recorded: only that it changed.
      await this.audit.record({ action: 'webhook.secret_rotated', target: { type: 'webhook', id } });
      return this.find(id);
    });
    return toWebhookWithSecretJson(rotated, secret);
  }

  async ping(id: number): Promise<WebhookPingJson> {
    await this.find(id);
    const { messageId } = await this.dispatcher.ping(id).catch(hookDeletedMeanwhile);
    return { message_id: messageId };
  }

  /** Newest first. */
  async deliveries(id: number, query: ListWebhookDeliveriesQueryDto): Promise<Page<WebhookDeliveryJson>> {
    await this.find(id);
    const qb = this.deliveriesOf(id);
    if (query.status) qb.andWhere(`${D}.status = :status`, { status: query.status });
    const [rows, count] = await Promise.all([
      this.withMessage(qb.clone()).orderBy(`${D}.id`, 'DESC').offset(query.offset).limit(query.limit).getRawMany(),
      this.counts.count(qb),
    ]);
    return toPage((rows as DeliveryRow[]).map(toWebhookDeliveryJson), count, query);
  }

  /** Another attempt of one delivery, with the same `webhook-id`; the delivery as it stands once queued. */
  async redeliver(id: number, deliveryId: string): Promise<WebhookDeliveryJson> {
    await this.find(id);
    // Checked here too, so an id of another hook's delivery is a 404 whatever the dispatcher does.
    await this.findDelivery(id, deliveryId);
    const queued = await this.dispatcher.redeliver(id, deliveryId).catch(hookDeletedMeanwhile);
    if (!queued) throw AppException.notFound('Delivery');
    return this.findDelivery(id, deliveryId);
  }

  /** Hook `id` (locked FOR UPDATE when `lock`: a change and its audit entry see the row it replaces), or 404. */
  private async find(id: number, lock = false): Promise<Webhook> {
    const qb = this.webhooks.createQueryBuilder(W).where(`${W}.id = :id`, { id });
    if (lock) qb.setLock('pessimistic_write');
    const webhook = await qb.getOne();
    if (!webhook) throw AppException.notFound('Webhook');
    return webhook;
  }

  private async findDelivery(id: number, deliveryId: string): Promise<WebhookDeliveryJson> {
    const row = (await this.withMessage(this.deliveriesOf(id))
      .andWhere(`${D}.id = :deliveryId`, { deliveryId })
      .getRawOne()) as DeliveryRow | undefined;
    if (!row) throw AppException.notFound('Delivery');
    return toWebhookDeliveryJson(row);
  }

  private deliveriesOf(id: number): SelectQueryBuilder<WebhookDelivery> {
    return this.tx.manager.getRepository(WebhookDelivery).createQueryBuilder(D).where(`${D}.webhookId = :id`, { id });
  }

  /** The columns of a DeliveryRow: the delivery and its message's `webhook-id` and type. */
  private withMessage(qb: SelectQueryBuilder<WebhookDelivery>): SelectQueryBuilder<WebhookDelivery> {
    return qb
      .innerJoin(WebhookMessage, 'm', `m.id = ${D}.messageId`)
      .select(`${D}.id`, 'id')
      .addSelect(`${D}.webhookId`, 'webhook_id')
      .addSelect('m.eventType', 'event_type')
      .addSelect('m.messageId', 'message_id')
      .addSelect(`${D}.status`, 'status')
      .addSelect(`${D}.attempts`, 'attempts')
      .addSelect(`${D}.lastStatusCode`, 'last_status_code')
      .addSelect(`${D}.lastError`, 'last_error')
      .addSelect(`${D}.nextAttemptAt`, 'next_attempt_at')
      .addSelect(`${D}.deliveredAt`, 'delivered_at')
      .addSelect(`${D}.createdAt`, 'created_at');
  }

  /**
   * The URL to store: normalized (what delivery will parse), and its host resolving to allowed
   * addresses only. The form was checked by the DTO; this is the half that needs a lookup.
   */
  private async checkedUrl(raw: string): Promise<string> {
    const url = new URL(raw);
    if (url.href.length > MAX_WEBHOOK_URL_LENGTH) {
      throw invalidUrl(`must be at most ${MAX_WEBHOOK_URL_LENGTH} characters (once normalized)`);
    }
    try {
      await withTimeout(
        resolveTarget(url.hostname, this.config.allowPrivateTargets),
        RESOLVE_TIMEOUT_MS,
        () => new ForbiddenTargetError(url.hostname, `did not resolve within ${RESOLVE_TIMEOUT_MS / 1000} s`),
      );
    } catch (error) {
      if (error instanceof ForbiddenTargetError) throw invalidUrl(`host ${error.message}`);
      throw error;
    }
    return url.href;
  }
}

/** What the audit log shows of a hook: never its secret, and its URL only by origin (paths carry secrets). */
function auditedHook(webhook: Webhook) {
  return {
    url_origin: urlOrigin(webhook.url),
    events: webhook.events,
    description: webhook.description,
    active: webhook.active,
    include_internal: webhook.includeInternal,
  };
}

function invalidUrl(problem: string): AppException {
  return AppException.validation('Invalid request: url', { url: [problem] });
}

function distinct(events: string[]): string[] {
  return [...new Set(events)];
}

/** The dispatcher writes rows that reference the hook: deleted between our check and its insert → 404. */
const hookDeletedMeanwhile = mapConstraintErrors({
  webhook_deliveries_webhook_id_fkey: () => AppException.notFound('Webhook'),
});
