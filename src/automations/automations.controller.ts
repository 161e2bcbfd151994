import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { IdParamPipe } from '../common/pipes/id-param.pipe';
import { UserRole } from '../common/user-role';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { AutomationJson, AutomationListJson, toAutomationJson } from './automation.presenter';
import { AutomationsService } from './automations.service';
import { CreateAutomationDto, UpdateAutomationDto } from './dto/automation.dtos';
import { ApiBodyExample, ApiErrors } from '../common/openapi/openapi.decorators';
import { ErrorCode } from '../common/errors/error-code';

const ADMINS = 'Admins only; agents and requesters: 403.';
const RULES =
  'Unknown fields, wrong types or out-of-range values are 400 `VALIDATION_FAILED`. 422 `UNPROCESSABLE`, naming ' +
  'the field, for a rule that cannot work: a status action that is `escalated` or that the status machine does not ' +
  'allow from every status of the conditions, an assignee who is not an active agent or admin, a category that ' +
  'does not exist, tags both added and removed, and a rule whose actions would leave a matching ticket still ' +
  'matching (it would loop). Nothing is stored then. The worker applies each active rule to matching tickets ' +
  'every sweep, once per ticket version, through the same code as an API change (events with a null actor and ' +
  '`data.automation_id`); a comment action is authored by the admin who last saved the rule.';

@ApiTags('automations')
@ApiBearerAuth()
@Roles(UserRole.ADMIN)
@Controller('api/v1/automations')
export class AutomationsController {
  constructor(private readonly automations: AutomationsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listAutomations',
    summary: 'All automations, by id (not paginated)',
    description: ADMINS,
  })
  @ApiOkResponse({ type: AutomationListJson })
  async list(): Promise<AutomationListJson> {
    return { items: (await this.automations.list()).map(toAutomationJson) };
  }

  @Post()
  @Idempotent()
  @ApiErrors(ErrorCode.UNPROCESSABLE)
  @ApiBodyExample({
    name: 'Close resolved tickets after 72 h',
    active: true,
    conditions: { status: ['resolved'], hours_in_status: 72 },
    actions: { status: 'closed' },
  })
  @ApiOperation({
    operationId: 'createAutomation',
    summary: 'Create an automation; you become its author',
    description: `${ADMINS} ${RULES}`,
  })
  @ApiCreatedResponse({ type: AutomationJson })
  async create(@CurrentUser() caller: AuthUser, @Body() body: CreateAutomationDto): Promise<AutomationJson> {
    return toAutomationJson(await this.automations.create(caller, body));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getAutomation', summary: 'An automation', description: ADMINS })
  @ApiOkResponse({ type: AutomationJson })
  async get(@Param('id', IdParamPipe) id: number): Promise<AutomationJson> {
    return toAutomationJson(await this.automations.get(id));
  }

  @Patch(':id')
  @ApiErrors(ErrorCode.UNPROCESSABLE)
  @ApiBodyExample({ active: false })
  @ApiOperation({
    operationId: 'updateAutomation',
    summary: 'Change an automation; you become its author',
    description: `${ADMINS} Any subset of name, active, conditions, actions; conditions and actions replace the stored ones as a whole, and the resulting rule is checked as a whole. ${RULES}`,
  })
  @ApiOkResponse({ type: AutomationJson })
  async update(
    @CurrentUser() caller: AuthUser,
    @Param('id', IdParamPipe) id: number,
    @Body() body: UpdateAutomationDto,
  ): Promise<AutomationJson> {
    return toAutomationJson(await this.automations.update(caller, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteAutomation',
    summary: 'Delete an automation (what it did to tickets stays)',
    description: ADMINS,
  })
  @ApiNoContentResponse()
  async delete(@Param('id', IdParamPipe) id: number): Promise<void> {
    await this.automations.delete(id);
  }
}
