import { Global, Module } from '@nestjs/common';
import { AuditLog } from './audit-log';
import { AuditLogController } from './audit-log.controller';

/** Global: every module that records (users, auth, sessions, sla, ...) injects AuditLog. Both processes. */
@Global()
@Module({
  providers: [AuditLog],
  exports: [AuditLog],
})
export class AuditModule {}

/** `GET /audit-log`, in the API only. */
@Module({ controllers: [AuditLogController] })
export class AuditLogApiModule {}
