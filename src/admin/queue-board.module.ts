import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { authConfig } from '../config';
import { EscalationModule } from '../escalation/escalation.module';
import { MailModule } from '../mail/mail.module';
import { QUEUES } from '../queues/queues';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { QUEUE_BOARD_ROUTE, QueueBoardAuth } from './queue-board-auth';

/**
 * The mail queue's board view without message bodies: they may hold password-reset tokens and
 * verification codes, which not even an admin should be able to read.
 */
export class RedactedMailQueueAdapter extends BullMQAdapter {
  constructor(...args: ConstructorParameters<typeof BullMQAdapter>) {
    super(...args);
    this.setFormatter('data', (data: { to?: string; subject?: string; requestId?: string } | undefined) => ({
      to: data?.to,
      subject: data?.subject,
      requestId: data?.requestId,
      body: '[hidden]',
    }));
  }
}

/**
 * Bull Board at /admin/queues: every queue's waiting, active, delayed, completed and failed jobs,
 * with retry and clean buttons. Admins only (see queue-board-auth.ts; `protectQueueBoard` is
 * installed by configureApp).
 */
@Module({
  imports: [
    BullBoardModule.forRoot({
      route: QUEUE_BOARD_ROUTE,
      adapter: FastifyAdapter,
      boardOptions: { uiConfig: { boardTitle: 'Help desk queues' } },
    }),
    BullBoardModule.forFeature(
      { name: QUEUES.MAIL, adapter: RedactedMailQueueAdapter },
      { name: QUEUES.ESCALATION, adapter: BullMQAdapter },
    ),
    // They register the queues the board shows.
    MailModule,
    EscalationModule,
    UsersModule,
    SessionsModule,
    JwtModule.registerAsync({
      inject: [authConfig.KEY],
      useFactory: (config: ConfigType<typeof authConfig>) => ({
        secret: config.jwtKey,
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [QueueBoardAuth],
})
export class QueueBoardModule {}
