import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RefreshToken } from './refresh-token.entity';
import { SessionLookupCache } from './session-lookup.cache';
import { SessionsService } from './sessions.service';

/**
 * Login sessions (the owner of `refresh_tokens`): refresh tokens, and whether the session behind an
 * access token is live. Apart from AuthModule so UsersModule can end sessions.
 */
@Module({
  imports: [TypeOrmModule.forFeature([RefreshToken])],
  providers: [SessionsService, SessionLookupCache],
  exports: [SessionsService, SessionLookupCache],
})
export class SessionsModule {}
