import { Injectable, OnModuleInit } from '@nestjs/common';
import argon2 from 'argon2';

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher implements OnModuleInit {
  /** Verified against when the email is unknown, so both paths cost one argon2 verification. */
  private dummyHash = '';

  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.hash(`dummy-${Math.random()}`);
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  /**
   * False for an unknown account (`hash` undefined) and for one without a password yet (`hash` ''),
   * after the same one argon2 verification, so timing tells neither from a wrong password.
   */
  async verify(hash: string | undefined, password: string): Promise<boolean> {
    try {
      const usable = hash !== undefined && hash !== '';
      const ok = await argon2.verify(usable ? hash : this.dummyHash, password);
      return ok && usable;
    } catch {
      return false;
    }
  }
}
