import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { configModuleFrom, Env } from '../config';
import { DatabaseModule } from '../database/database.module';
import { EntityList } from '../database/data-source-options';
import { RealtimeModule } from '../realtime/realtime.module';
import { RedisModule } from '../redis/redis.module';
import { UsersModule } from '../users/users.module';

/**
 * What the account commands need and no more: config, Postgres, Redis (a password reset tells the
 * API instances that sessions ended), the audit log (what the commands change is recorded, with no
 * actor) and the users feature. No HTTP, queues or schedules.
 */
@Module({})
export class CliAccountsModule {
  static register(env: Env, entities: EntityList): DynamicModule {
    return {
      module: CliAccountsModule,
      imports: [
        configModuleFrom(env),
        DatabaseModule.forRoot(entities),
        RedisModule,
        RealtimeModule,
        AuditModule,
        UsersModule,
      ],
    };
  }
}
