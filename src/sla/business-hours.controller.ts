import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators/roles.decorator';
import { UserRole } from '../common/user-role';
import { BusinessHoursService } from './business-hours.service';
import { BusinessHoursDto } from './dto/business-hours.dtos';

@ApiTags('business-hours')
@ApiBearerAuth()
@Controller('api/v1/business-hours')
export class BusinessHoursController {
  constructor(private readonly hours: BusinessHoursService) {}

  @Get()
  @Roles(UserRole.AGENT, UserRole.ADMIN)
  @ApiOperation({
    operationId: 'getBusinessHours',
    summary: "The desk's business hours (agent, admin)",
    description: 'What SLA policies with `calendar: "business_hours"` count in. Until set: 24/7 in UTC.',
  })
  @ApiOkResponse({ type: BusinessHoursDto })
  get(): Promise<BusinessHoursDto> {
    return this.hours.get();
  }

  @Put()
  @Roles(UserRole.ADMIN)
  @ApiOperation({
    operationId: 'setBusinessHours',
    summary: "Set the desk's business hours (admin)",
    description:
      'Replaces the whole calendar; answers the stored value. Applies to due dates computed from now on ' +
      '(new tickets, priority changes, the end of a pause); due dates already set stay. An unknown zone, ' +
      'a bad or overlapping interval, more than 4 intervals a day, a week without any open time, or a ' +
      'holiday that is not a real `YYYY-MM-DD` date (or a duplicate) → 400 naming the field ' +
      '(`timezone`, `week.mon[0]`, `week`, `holidays[2]`), and nothing is stored.',
  })
  @ApiOkResponse({ type: BusinessHoursDto })
  set(@Body() body: BusinessHoursDto): Promise<BusinessHoursDto> {
    return this.hours.set(body);
  }
}
