import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators/roles.decorator';
import { TicketPriority } from '../common/ticket-enums';
import { UserRole } from '../common/user-role';
import { UpdateSlaPolicyDto } from './dto/sla-policy.dtos';
import { SlaPoliciesService } from './sla-policies.service';
import { SlaPolicyJson, SlaPolicyListJson, toSlaPolicyJson } from './sla-policy.presenter';
import { ApiBodyExample } from '../common/openapi/openapi.decorators';

@ApiTags('sla-policies')
@ApiBearerAuth()
@Controller('api/v1/sla-policies')
export class SlaPoliciesController {
  constructor(private readonly policies: SlaPoliciesService) {}

  @Get()
  @Roles(UserRole.AGENT, UserRole.ADMIN)
  @ApiOperation({
    operationId: 'listSlaPolicies',
    summary: 'The SLA targets of each priority, low to urgent (agent, admin)',
  })
  @ApiOkResponse({ type: SlaPolicyListJson })
  async list(): Promise<SlaPolicyListJson> {
    return { items: (await this.policies.list()).map(toSlaPolicyJson) };
  }

  @Put(':priority')
  @Roles(UserRole.ADMIN)
  @ApiBodyExample({
    first_response_minutes: 60,
    resolution_minutes: 240,
    calendar: 'business_hours',
    warn_before_minutes: 15,
  })
  @ApiOperation({
    operationId: 'updateSlaPolicy',
    summary: "Set a priority's SLA targets (admin)",
    description:
      'Applies to tickets created after the change (and to tickets whose priority changes after it): ' +
      'existing tickets keep the due dates they were given. `calendar` (`24x7` or `business_hours`: the ' +
      'minutes count only inside GET /business-hours) and `warn_before_minutes` (0 = no warning) are ' +
      'optional: left out, they keep their current value. A new warning window applies at the next SLA ' +
      'sweep, to existing tickets too. An unknown priority is 404.',
  })
  @ApiParam({ name: 'priority', enum: TicketPriority })
  @ApiOkResponse({ type: SlaPolicyJson })
  async update(@Param('priority') priority: string, @Body() body: UpdateSlaPolicyDto): Promise<SlaPolicyJson> {
    return toSlaPolicyJson(await this.policies.update(priority, body));
  }
}
