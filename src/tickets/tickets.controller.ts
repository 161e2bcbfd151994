import { RequestSource } from '../common/http/request-source';
import { MessageSource } from '../common/ticket-enums';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthUser } from '../common/auth-user';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ApiPage } from '../common/pagination/api-page.decorator';
import { PaginationQueryDto } from '../common/pagination/pagination';
import { IdParamPipe } from '../common/pipes/id-param.pipe';
import { UserRole } from '../common/user-role';
import { BulkUpdateDto, ClaimTicketsDto, MAX_CLAIM } from './dto/claim-bulk.dtos';
import { AssignTicketDto, CreateTicketDto, ListTicketsQueryDto, UpdateTicketDto } from './dto/ticket.dtos';
import { etagOf, TicketEventJson, TicketJson, TicketListJson, TicketWithTimelineJson } from './read/ticket.presenter';
import { TicketBulkService } from './write/ticket-bulk.service';
import { TicketClaimService } from './write/ticket-claim.service';
import { TicketListService } from './read/ticket-list.service';
import { TicketUpdateService } from './write/ticket-update.service';
import { TicketsService } from './write/tickets.service';
import { TicketDetailService } from './read/ticket-detail.service';

/** The `ETag` of a ticket answer: send it back as `If-Match` to change only what you read. */
const TICKET_ETAG = {
  ETag: { description: 'W/"<id>-<version>"; send it back as `If-Match`', required: true, schema: { type: 'string' } },
};
import { ApiBodyExample, ApiErrors } from '../common/openapi/openapi.decorators';
import { ErrorCode } from '../common/errors/error-code';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('api/v1/tickets')
export class TicketsController {
  constructor(
    private readonly tickets: TicketsService,
    private readonly details: TicketDetailService,
    private readonly listing: TicketListService,
    private readonly updates: TicketUpdateService,
    private readonly claims: TicketClaimService,
    private readonly bulkUpdates: TicketBulkService,
  ) {}

  @Post()
  @Idempotent()
  @ApiErrors(ErrorCode.UNPROCESSABLE)
  @ApiBodyExample({
    title: 'Cannot log in after the password reset',
    description: 'The reset link worked, but the new password is refused on the login page.',
    priority: 'high',
    tags: ['login'],
  })
  @ApiOperation({ operationId: 'createTicket', summary: 'Open a ticket (the caller is its requester)' })
  @ApiCreatedResponse({ type: TicketJson })
  async create(
    @CurrentUser() caller: AuthUser,
    @Body() body: CreateTicketDto,
    @RequestSource() source: MessageSource,
  ): Promise<TicketJson> {
    return (await this.tickets.create(caller, body, { source })).json;
  }

  @Post('claim')
  @HttpCode(200)
  @Roles(UserRole.AGENT, UserRole.ADMIN)
  @ApiBodyExample({ limit: 5 })
  @ApiOperation({
    operationId: 'claimTickets',
    summary: 'Take the oldest unassigned open or escalated tickets (FIFO); concurrent claimers never share one',
  })
  @ApiOkResponse({ type: TicketListJson })
  async claim(@CurrentUser() caller: AuthUser, @Body() body: ClaimTicketsDto): Promise<TicketListJson> {
    return { items: await this.claims.claim(caller, body.limit ?? MAX_CLAIM) };
  }

  @Post('bulk')
  @HttpCode(200)
  @Roles(UserRole.AGENT, UserRole.ADMIN)
  @ApiErrors(ErrorCode.UNPROCESSABLE)
  @ApiBodyExample({ ids: [1, 2], status: 'resolved' })
  @ApiOperation({
    operationId: 'bulkUpdateTickets',
    summary: 'Set one status on up to 100 tickets (agents: their own); all or nothing, 422 lists the offenders',
  })
  @ApiOkResponse({ type: TicketListJson })
  async bulk(@CurrentUser() caller: AuthUser, @Body() body: BulkUpdateDto): Promise<TicketListJson> {
    return { items: await this.bulkUpdates.setStatus(caller, body.ids, body.status) };
  }

  @Get()
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.UNPROCESSABLE)
  @ApiOperation({ operationId: 'listTickets', summary: 'Tickets the caller may see (requesters: their own), filtered' })
  @ApiPage(TicketJson)
  list(@CurrentUser() caller: AuthUser, @Query() query: ListTicketsQueryDto) {
    return this.listing.list(caller, query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getTicket', summary: 'A ticket with its latest 100 timeline events; sends an ETag' })
  @ApiOkResponse({ type: TicketWithTimelineJson, headers: TICKET_ETAG })
  async get(
    @CurrentUser() caller: AuthUser,
    @Param('id', IdParamPipe) id: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketWithTimelineJson> {
    const { ticket, json } = await this.details.get(caller, id);
    reply.header('ETag', etagOf(ticket));
    return json;
  }

  @Get(':id/timeline')
  @ApiOperation({ operationId: 'listTicketTimeline', summary: 'The timeline, oldest first' })
  @ApiPage(TicketEventJson)
  timeline(@CurrentUser() caller: AuthUser, @Param('id', IdParamPipe) id: number, @Query() query: PaginationQueryDto) {
    return this.details.timeline(caller, id, query);
  }

  @Patch(':id')
  @ApiErrors(ErrorCode.VERSION_CONFLICT, ErrorCode.FORBIDDEN, ErrorCode.INVALID_TRANSITION, ErrorCode.UNPROCESSABLE)
  @ApiBodyExample({ version: 1, status: 'in_progress', priority: 'urgent' })
  @ApiOperation({
    operationId: 'updateTicket',
    summary: 'Change a ticket; `version` is required (stale → 409), `If-Match` honoured (stale → 412)',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'an ETag from GET/PATCH, e.g. W/"12-3"' })
  @ApiOkResponse({ type: TicketJson, headers: TICKET_ETAG })
  async update(
    @CurrentUser() caller: AuthUser,
    @Param('id', IdParamPipe) id: number,
    @Body() body: UpdateTicketDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketJson> {
    const json = await this.updates.update(caller, id, body, { ifMatch });
    reply.header('ETag', etagOf(json));
    return json;
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.UNPROCESSABLE)
  @ApiBodyExample({ assignee_id: 2 })
  @ApiOperation({
    operationId: 'assignTicket',
    summary: 'Assign or unassign (agents: themselves only); no version needed',
  })
  @ApiOkResponse({ type: TicketJson, headers: TICKET_ETAG })
  async assign(
    @CurrentUser() caller: AuthUser,
    @Param('id', IdParamPipe) id: number,
    @Body() body: AssignTicketDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketJson> {
    const json = await this.updates.assign(caller, id, body.assignee_id);
    reply.header('ETag', etagOf(json));
    return json;
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(UserRole.ADMIN)
  @ApiOperation({
    operationId: 'deleteTicket',
    summary: 'Soft delete (admin): hidden everywhere, kept in the database',
  })
  @ApiNoContentResponse()
  async remove(@CurrentUser() caller: AuthUser, @Param('id', IdParamPipe) id: number): Promise<void> {
    await this.tickets.remove(caller, id);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @Roles(UserRole.ADMIN)
  @ApiOperation({ operationId: 'restoreTicket', summary: 'Undo a soft delete (admin)' })
  @ApiOkResponse({ type: TicketJson })
  restore(@CurrentUser() caller: AuthUser, @Param('id', IdParamPipe) id: number): Promise<TicketJson> {
    return this.tickets.restore(caller, id);
  }
}
