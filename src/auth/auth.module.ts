import { Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { JwtAuthGuard } from '../common/guards/jwt-auth.guard';
import { RolesGuard } from '../common/guards/roles.guard';
import { authConfig } from '../config';
import { OutboxModule } from '../outbox/outbox.module';
import { UsersModule } from '../users/users.module';
import { AccountTokensModule } from './account-tokens.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { LoginBudget } from './login-budget';
import { SessionsModule } from '../sessions/sessions.module';

@Module({
  imports: [
    AccountTokensModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [authConfig.KEY],
      useFactory: (config: ConfigType<typeof authConfig>) => ({
        secret: config.jwtKey,
        signOptions: { algorithm: 'HS256', expiresIn: config.accessTtlSeconds },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    UsersModule,
    SessionsModule,
    OutboxModule,
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    LoginBudget,
    JwtStrategy,
    // Order matters: authenticate, then check the role. (Rate limits are decided before either, in
    // the onRequest hook: see RateLimiter.)
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
})
export class AuthModule {}
