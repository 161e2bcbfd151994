// Password reset tokens and email verification codes: random, stored hashed, single use, expiring.
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { TransactionContext } from '../database/transaction-context';
import { Injectable } from '@nestjs/common';
import { rawRows } from '../database/raw-rows';
import { AccountToken, AccountTokenPurpose } from './account-token.entity';
import { hashToken } from '../sessions/sessions.service';

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;
export const VERIFICATION_CODE_TTL_MS = 15 * 60 * 1000;
export const MAX_CODE_ATTEMPTS = 5;

export type CodeCheck = 'ok' | 'wrong' | 'none';

@Injectable()
export class AccountTokensService {
  constructor(private readonly tx: TransactionContext) {}

  /** A new reset token; earlier unused ones of the user stop working. */
  async createResetToken(userId: number): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.replaceOpen(userId, AccountTokenPurpose.PASSWORD_RESET, hashToken(token), RESET_TOKEN_TTL_MS);
    return token;
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

  /** A new 6-digit code; earlier unused ones of the user stop working. */
  async createVerificationCode(userId: number): Promise<string> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.replaceOpen(
      userId,
      AccountTokenPurpose.EMAIL_VERIFICATION,
      codeHash(userId, code),
      VERIFICATION_CODE_TTL_MS,
    );
    return code;
  }

  /**
   * Checks a code against the user's open one, under a row lock so concurrent guesses are counted
   * one by one. The fifth wrong guess invalidates the code.
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
      return 'wrong';
    });
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
