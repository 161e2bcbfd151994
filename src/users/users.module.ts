import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionsModule } from '../sessions/sessions.module';
import { DemoAccountsSeeder } from './demo-accounts.seeder';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';
import { UserDirectoryModule } from './user-directory.module';
import { UserLookupCache } from './user-lookup.cache';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User]), SessionsModule, UserDirectoryModule],
  controllers: [UsersController],
  providers: [UsersService, PasswordHasher, UserLookupCache, DemoAccountsSeeder],
  exports: [UsersService, PasswordHasher, UserLookupCache, UserDirectoryModule, DemoAccountsSeeder],
})
export class UsersModule {}
