import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { AuditLog } from '../audit/audit-log';
import { AppException } from '../common/errors/app.exception';
import { authConfig } from '../config';
import { TransactionContext } from '../database/transaction-context';
import { OutboxService } from '../outbox/outbox.service';
import { PasswordHasher } from '../users/password-hasher';
import { User } from '../users/user.entity';
import { UserRole } from '../common/user-role';
import { UsersService } from '../users/users.service';
import { AccountTokensService, RESET_TOKEN_TTL_MS, VERIFICATION_CODE_TTL_MS } from './account-tokens.service';
import { RegisterDto, TokenPairJson } from './dto/auth.dtos';
import { passwordResetEmail, verificationEmail } from './auth.emails';
import { IssuedRefreshToken, SessionsService } from '../sessions/sessions.service';
import { LoginBudget } from './login-budget';

const BAD_CREDENTIALS = 'Invalid email or password';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly accountTokens: AccountTokensService,
    private readonly loginBudget: LoginBudget,
    private readonly jwt: JwtService,
    private readonly outbox: OutboxService,
    private readonly tx: TransactionContext,
    private readonly audit: AuditLog,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  register(input: RegisterDto): Promise<User> {
    // Self-registration always makes a requester; asking for more is refused, not silently ignored.
    if (input.role !== undefined && input.role !== UserRole.USER) {
      throw AppException.forbidden('Self-registration creates requesters only');
    }
    return this.users.create({ email: input.email, password: input.password, name: input.name, role: UserRole.USER });
  }

  /**
   * Unknown email, wrong password and inactive account all cost one argon2 verify, answer alike and
   * spend the same failure budgets. A caller past its budget is refused before any of that.
   */
  async login(email: string, password: string, ip: string): Promise<TokenPairJson> {
    await this.loginBudget.check(email, ip);
    const user = await this.users.findByEmailWithPassword(email);
    const ok = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !ok || !user.isActive) {
      await this.loginBudget.recordFailure(email, ip);
      // One INSERT, after the budget counted it (a refused caller never got this far).
      await this.audit.record({
        action: 'auth.login_failed',
        actorId: null,
        target: user ? { type: 'user', id: user.id } : undefined,
        details: { email, reason: !user ? 'unknown_email' : !ok ? 'wrong_password' : 'inactive' },
      });
      throw AppException.unauthenticated(BAD_CREDENTIALS);
    }
    const session = await this.tx.run(async () => {
      const started = await this.sessions.start(user.id);
      await this.audit.record({ action: 'auth.login', actorId: user.id, target: { type: 'user', id: user.id } });
      return started;
    });
    const pair = this.tokenPair(user, session);
    await this.loginBudget.recordSuccess(email, ip);
    return pair;
  }

  async refresh(refreshToken: string): Promise<TokenPairJson> {
    const rotation = await this.sessions.rotate(refreshToken);
    if (!rotation.ok) throw AppException.unauthenticated('Invalid or expired refresh token');
    const user = await this.users.findById(rotation.userId);
    if (!user?.isActive) {
      await this.sessions.revokeAllForUser(rotation.userId);
      throw AppException.unauthenticated('Invalid or expired refresh token');
    }
    return this.tokenPair(user, rotation);
  }

  logout(refreshToken: string): Promise<void> {
    return this.sessions.revoke(refreshToken);
  }

  /**
   * Always "accepted", and at once: whether the email exists is nobody's business, so the answer
   * must not take longer when it does (a token and an outbox row to write). The work runs after
   * the response (`tx.detached`: a later tick, errors logged), so a failure
   * there — Postgres away — costs the email, and the user asks again.
   */
  requestPasswordReset(email: string): void {
    this.tx.detached('password-reset email', () => this.sendPasswordReset(email));
  }

  /** Same as `requestPasswordReset`, for the verification code. */
  requestEmailVerification(email: string): void {
    this.tx.detached('verification email', () => this.sendEmailVerification(email));
  }

  private async sendPasswordReset(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user?.isActive) return;
    // The token and its email commit together: no email for a token that rolled back, no token without its email.
    const sent = await this.tx.run(async () => {
      const token = await this.accountTokens.createResetToken(user.id);
      // Past the address's email limits: silently nothing (the caller already has its 202).
      if (token === null) return false;
      await this.outbox.add(
        passwordResetEmail(user, token, RESET_TOKEN_TTL_MS),
        `password-reset-${randomUUID()}`,
        RESET_TOKEN_TTL_MS,
      );
      return true;
    });
    if (sent) this.outbox.relaySoon();
  }

  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const userId = await this.accountTokens.consumeResetToken(token);
    if (userId === null) {
      throw AppException.unprocessable('The reset token is invalid, used or expired', {
        token: ['is invalid or expired'],
      });
    }
    await this.users.setPassword(userId, password, {
      action: 'auth.password_reset',
      actorId: userId,
      target: { type: 'user', id: userId },
    });
  }

  private async sendEmailVerification(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user?.isActive || user.emailVerifiedAt) return;
    const sent = await this.tx.run(async () => {
      const code = await this.accountTokens.createVerificationCode(user.id);
      if (code === null) return false;
      await this.outbox.add(
        verificationEmail(user, code, VERIFICATION_CODE_TTL_MS),
        `email-verification-${randomUUID()}`,
        VERIFICATION_CODE_TTL_MS,
      );
      return true;
    });
    if (sent) this.outbox.relaySoon();
  }

  async confirmEmailVerification(email: string, code: string): Promise<User> {
    const user = await this.users.findByEmail(email);
    const result = user ? await this.accountTokens.checkVerificationCode(user.id, code) : 'none';
    if (!user || result !== 'ok') {
      throw AppException.unprocessable('The code is wrong or expired', { code: ['is wrong or expired'] });
    }
    return this.users.markEmailVerified(user.id);
  }

  /** The access token names its login session (`sid`): ending the session ends the token (JwtStrategy). */
  private tokenPair(user: User, refresh: IssuedRefreshToken): TokenPairJson {
    const accessToken = this.jwt.sign(
      { sub: user.id, role: user.role, sid: refresh.sessionId },
      { jwtid: randomUUID() },
    );
    return {
      access_token: accessToken,
      refresh_token: refresh.token,
      token_type: 'Bearer',
      expires_in: this.config.accessTtlSeconds,
    };
  }
}
