import { Module } from '@nestjs/common';
import { SessionsService } from './sessions.service';

/** Refresh-token sessions (the owner of `refresh_tokens`); apart from AuthModule so UsersModule can revoke them. */
@Module({
  providers: [SessionsService],
  exports: [SessionsService],
})
export class SessionsModule {}
