import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RefreshToken } from './refresh-token.entity';
import { SessionsService } from './sessions.service';

/** Refresh-token sessions; separate from AuthModule so UsersModule can revoke them without a cycle. */
@Module({
  imports: [TypeOrmModule.forFeature([RefreshToken])],
  providers: [SessionsService],
  exports: [SessionsService],
})
export class SessionsModule {}
