import { Module } from '@nestjs/common';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { ConfigType } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { authConfig } from '../config';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { NotificationsSubscriber } from './notifications-subscriber';
import { NotificationsGateway } from './notifications.gateway';

/**
 * The API side of realtime: the `/ws/notifications` gateway and the Redis subscription feeding it.
 * Publishing is `RealtimeModule` (global, in both processes).
 */
@Module({
  imports: [
    // Verification only, with the same secret and pinned algorithm as AuthModule.
    JwtModule.registerAsync({
      inject: [authConfig.KEY],
      useFactory: (config: ConfigType<typeof authConfig>) => ({
        secret: config.jwtKey,
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    UsersModule,
    SessionsModule,
    RateLimitModule,
  ],
  providers: [NotificationsGateway, NotificationsSubscriber],
})
export class NotificationsGatewayModule {}
