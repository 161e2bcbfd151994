import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators/roles.decorator';
import { ApiPage } from '../common/pagination/api-page.decorator';
import { UserRole } from '../common/user-role';
import { AuditEntryJson } from './audit-entry.presenter';
import { AuditLog } from './audit-log';
import { ListAuditLogQueryDto } from './dto/audit-log.dtos';

@ApiTags('audit-log')
@ApiBearerAuth()
@Roles(UserRole.ADMIN)
@Controller('api/v1/audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @ApiOperation({
    operationId: 'listAuditLog',
    summary: 'Admin and security actions, newest first (admin)',
    description:
      'Admins only; agents and requesters: 403. Recorded: logins and failed logins (the email tried, address and ' +
      'user agent; never the password), password changes and resets, refresh-token reuse, user creation, role ' +
      'changes, deactivation and reactivation, and every create, update and delete of categories, SLA policies, ' +
      'business hours, automations and webhooks (secret rotations too), ticket deletes and restores. An entry ' +
      'is written in the same transaction as its change: a change that failed or rolled back left none. ' +
      '`from` is inclusive, `to` exclusive. Entries older than AUDIT_RETENTION_DAYS (365 by default) are purged.',
  })
  @ApiPage(AuditEntryJson)
  list(@Query() query: ListAuditLogQueryDto) {
    return this.audit.list(query);
  }
}
