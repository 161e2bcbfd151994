import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ApiPage } from '../common/pagination/api-page.decorator';
import { PaginationQueryDto } from '../common/pagination/pagination';
import { BigIdParamPipe } from '../common/pipes/big-id-param.pipe';
import { IdParamPipe } from '../common/pipes/id-param.pipe';
import { UserRole } from '../common/user-role';
import { CreateWebhookDto, ListWebhookDeliveriesQueryDto, UpdateWebhookDto } from './dto/webhook.dtos';
import { WebhookDeliveryJson, WebhookJson, WebhookPingJson, WebhookWithSecretJson } from './webhook.presenter';
import { WebhooksService } from './webhooks.service';
import { ApiBodyExample } from '../common/openapi/openapi.decorators';

const ADMINS = 'Admins only; agents and requesters: 403.';
const TARGET_RULES =
  'The URL is checked as at creation (400 `VALIDATION_FAILED` with `details.url`): http(s), no credentials, ' +
  'at most 2000 characters, a host that resolves to public addresses only unless ' +
  '`WEBHOOK_ALLOW_PRIVATE_TARGETS=true`. Delivery checks the address again before every attempt.';

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles(UserRole.ADMIN)
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiBodyExample({
    url: 'https://93.184.216.34/helpdesk',
    events: ['ticket.created', 'comment.created'],
    description: 'Alerts to #support',
  })
  @ApiOperation({
    operationId: 'createWebhook',
    summary: 'Register a webhook; its signing secret is in this answer only',
    description:
      `${ADMINS} ${TARGET_RULES} Deliveries follow the Standard Webhooks specification (headers ` +
      '`webhook-id`, `webhook-timestamp`, `webhook-signature`). Not idempotent by `Idempotency-Key`: a ' +
      'replayed answer would have to keep the secret in the clear.',
  })
  @ApiCreatedResponse({ type: WebhookWithSecretJson })
  create(@CurrentUser() caller: AuthUser, @Body() body: CreateWebhookDto): Promise<WebhookWithSecretJson> {
    return this.webhooks.create(caller, body);
  }

  @Get()
  @ApiOperation({
    operationId: 'listWebhooks',
    summary: 'Registered webhooks, newest first',
    description: `${ADMINS} Ordered by id, descending. Secrets are never shown.`,
  })
  @ApiPage(WebhookJson)
  list(@Query() query: PaginationQueryDto) {
    return this.webhooks.list(query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getWebhook', summary: 'A webhook (without its secret)', description: ADMINS })
  @ApiOkResponse({ type: WebhookJson })
  get(@Param('id', IdParamPipe) id: number): Promise<WebhookJson> {
    return this.webhooks.get(id);
  }

  @Patch(':id')
  @ApiBodyExample({ events: ['*'], include_internal: true })
  @ApiOperation({
    operationId: 'updateWebhook',
    summary: 'Change a webhook',
    description: `${ADMINS} Any subset of the fields. ${TARGET_RULES}`,
  })
  @ApiOkResponse({ type: WebhookJson })
  update(@Param('id', IdParamPipe) id: number, @Body() body: UpdateWebhookDto): Promise<WebhookJson> {
    return this.webhooks.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteWebhook',
    summary: 'Delete a webhook and its delivery log',
    description: `${ADMINS} Pending deliveries to it are dropped.`,
  })
  @ApiNoContentResponse()
  async delete(@Param('id', IdParamPipe) id: number): Promise<void> {
    await this.webhooks.delete(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rotateWebhookSecret',
    summary: 'Replace the signing secret; the new one is in this answer only',
    description:
      `${ADMINS} The old secret stops at once: every attempt from now on, retries of earlier messages ` +
      'included, is signed with the new one.',
  })
  @ApiOkResponse({ type: WebhookWithSecretJson })
  rotateSecret(@Param('id', IdParamPipe) id: number): Promise<WebhookWithSecretJson> {
    return this.webhooks.rotateSecret(id);
  }

  @Post(':id/ping')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'pingWebhook',
    summary: 'Queue a `webhook.ping` to this webhook alone',
    description: `${ADMINS} Whatever it subscribes to. Its delivery shows in the delivery log like any other.`,
  })
  @ApiAcceptedResponse({ type: WebhookPingJson })
  ping(@Param('id', IdParamPipe) id: number): Promise<WebhookPingJson> {
    return this.webhooks.ping(id);
  }

  @Get(':id/deliveries')
  @ApiOperation({
    operationId: 'listWebhookDeliveries',
    summary: "A webhook's delivery log, newest first",
    description:
      `${ADMINS} One entry per message sent to this hook; \`message_id\` is the \`webhook-id\` header. ` +
      '`next_attempt_at` is null once a delivery is settled (`delivered` or `failed`).',
  })
  @ApiPage(WebhookDeliveryJson)
  deliveries(@Param('id', IdParamPipe) id: number, @Query() query: ListWebhookDeliveriesQueryDto) {
    return this.webhooks.deliveries(id, query);
  }

  @Post(':id/deliveries/:delivery_id/redeliver')
  @HttpCode(202)
  @ApiParam({ name: 'delivery_id', schema: { type: 'integer', minimum: 1 } })
  @ApiOperation({
    operationId: 'redeliverWebhookDelivery',
    summary: 'Send one delivery again, with the same `webhook-id`',
    description:
      `${ADMINS} Whatever its status (a delivered one too). Answers the delivery as it stands once queued. ` +
      "Another webhook's delivery id is 404.",
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryJson })
  redeliver(
    @Param('id', IdParamPipe) id: number,
    @Param('delivery_id', BigIdParamPipe) deliveryId: string,
  ): Promise<WebhookDeliveryJson> {
    return this.webhooks.redeliver(id, deliveryId);
  }
}
