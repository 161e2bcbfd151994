// Password reset tokens and email verification codes: random, stored hashed, single use, expiring;
// how many may be sent to one address, and how many wrong codes one address may take.
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { TransactionContext } from '../database/transaction-context';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { throttleConfig } from '../config';
import { rawRows } from '../database/raw-rows';
import { AccountToken, AccountTokenPurpose } from './account-token.entity';
import { hashToken } from '../sessions/sessions.service';

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;
export const VERIFICATION_CODE_TTL_MS = 15 * 60 * 1000;
export const MAX_CODE_ATTEMPTS = 5;

/** `locked`: the address took too many wrong codes this hour; no code is checked. */
export type CodeCheck = 'ok' | 'wrong' | 'none' | 'locked';

/** The first key of the two-key advisory lock that serialises one user's account emails. */
const EMAIL_LOCK_CLASS = 0x61746b6e; // 'atkn'

@Injectable()
export class AccountTokensService {
  constructor(
    private readonly tx: TransactionContext,
    @Inject(throttleConfig.KEY) private readonly limits: ConfigType<typeof throttleConfig>,
  ) {}

  /**
   * A new reset token; earlier unused ones of the user stop working. Null when the address has had
   * its share of account emails: then nothing changes, and the earlier token still works.
   */
  createResetToken(userId: number): Promise<string | null> {
    return this.tx.run(async (manager) => {
      if (!(await this.mayEmail(manager, userId))) return null;
      const token = randomBytes(32).toString('base64url');
      await this.replaceOpen(userId, AccountTokenPurpose.PASSWORD_RESET, hashToken(token), RESET_TOKEN_TTL_MS);
      return token;
    });
  }

  /** Spends a reset token atomically; the user id if it was valid, else null. */
  async consumeResetToken(token: string): Promise<number | null> {
    const rows: Array<{ user_id: number }> = await this.tx.manager.query(
      `UPDATE account_tokens SET used_at = now()
        WHERE purpose = $1 AND token_hash = $2 AND used_at IS NULL AND expires_at > now()
        RETURNING user_id`,
      [AccountTokenPurpose.PASSWORD_RESET, hashToken(token)],
    );
    return rawRows(rows)[0]?.user_id ?? null;
  }

  /** A new 6-digit code; earlier unused ones of the user stop working. Null as for `createResetToken`. */
  createVerificationCode(userId: number): Promise<string | null> {
    return this.tx.run(async (manager) => {
      if (!(await this.mayEmail(manager, userId))) return null;
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await this.replaceOpen(
        userId,
        AccountTokenPurpose.EMAIL_VERIFICATION,
        codeHash(userId, code),
        VERIFICATION_CODE_TTL_MS,
      );
      return code;
    });
  }

  /**
   * Checks a code against the user's open one, under a row lock so concurrent guesses are counted
   * one by one. The fifth wrong guess invalidates the code. Wrong guesses are also counted per user
   * for an hour each, across re-issued codes: past the limit every code is refused unchecked
   * (and refusals are not counted, so the lock ends an hour after the guesses that caused it).
   */
  checkVerificationCode(userId: number, code: string): Promise<CodeCheck> {
    return this.tx.run(async (manager) => {
      const open = await manager
        .getRepository(AccountToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.userId = :userId AND t.purpose = :purpose', {
          userId,
          purpose: AccountTokenPurpose.EMAIL_VERIFICATION,
        })
        .andWhere('t.usedAt IS NULL AND t.expiresAt > now()')
        .orderBy('t.id', 'DESC')
        .getOne();
      if (!open) return 'none';
      if ((await this.codeFailuresLastHour(manager, userId)) >= this.limits.codeFailuresPerHour) return 'locked';
      const expected = Buffer.from(open.tokenHash, 'hex');
      const actual = Buffer.from(codeHash(userId, code), 'hex');
      if (timingSafeEqual(expected, actual)) {
        await manager.update(AccountToken, { id: open.id }, { usedAt: () => 'now()' });
        return 'ok';
      }
      const attempts = open.failedAttempts + 1;
      await manager.update(
        AccountToken,
        { id: open.id },
        attempts >= MAX_CODE_ATTEMPTS
          ? { failedAttempts: attempts, usedAt: () => 'now()' }
          : { failedAttempts: attempts },
      );
      await this.recordCodeFailure(manager, userId);
      return 'wrong';
    });
  }

  /**
   * Whether one more reset or verification email may go to the user: every such email writes one
   * token row, so their rows of the last hour are the emails of the last hour. A transaction-scoped
   * advisory lock per user makes concurrent requests (on any instance) take turns.
   */
  /**
   * Housekeeping: tokens and codes expired a day ago (they live an hour at most; the day keeps them
   * for the record), and wrong-code records past their hour. Never a token of the last hour: the
   * account-email limits count those.
   */
  async purgeExpired(): Promise<void> {
    await this.tx.pool.query(
      `DELETE FROM account_tokens WHERE expires_at < now() - interval '1 day' AND created_at < now() - interval '1 hour'`,
    );
    await this.tx.pool.query(`DELETE FROM verification_code_failures WHERE failed_at <= now() - interval '1 hour'`);
  }

  private async mayEmail(manager: EntityManager, userId: number): Promise<boolean> {
    await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [EMAIL_LOCK_CLASS, userId]);
    const rows: Array<{ last_hour: number; too_soon: boolean }> = await manager.query(
      `SELECT count(*)::int AS last_hour,
              coalesce(max(created_at) > now() - make_interval(secs => $2), false) AS too_soon
         FROM account_tokens
        WHERE user_id = $1 AND created_at > now() - interval '1 hour'`,
      [userId, this.limits.accountEmailIntervalSeconds],
    );
    const { last_hour, too_soon } = rawRows(rows)[0];
    return !too_soon && last_hour < this.limits.accountEmailsPerHour;
  }

  private async codeFailuresLastHour(manager: EntityManager, userId: number): Promise<number> {
    const rows: Array<{ n: number }> = await manager.query(
      `SELECT count(*)::int AS n FROM verification_code_failures
        WHERE user_id = $1 AND failed_at > now() - interval '1 hour'`,
      [userId],
    );
    return rawRows(rows)[0].n;
  }

  /** One row per wrong code; the user's rows older than the hour go at the same time. */
  private async recordCodeFailure(manager: EntityManager, userId: number): Promise<void> {
    await manager.query(
      `DELETE FROM verification_code_failures WHERE user_id = $1 AND failed_at <= now() - interval '1 hour'`,
      [userId],
    );
    await manager.query(`INSERT INTO verification_code_failures (user_id) VALUES ($1)`, [userId]);
  }

  private async replaceOpen(
    userId: number,
    purpose: AccountTokenPurpose,
    tokenHash: string,
    ttlMs: number,
  ): Promise<void> {
    await this.tx.run(async (manager) => {
      await manager.query(
        `UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
        [userId, purpose],
      );
      await manager.insert(AccountToken, { userId, purpose, tokenHash, expiresAt: new Date(Date.now() + ttlMs) });
    });
  }
}

function codeHash(userId: number, code: string): string {
  return hashToken(`${userId}:${code}`);
}
