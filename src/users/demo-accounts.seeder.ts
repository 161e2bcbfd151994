import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { appConfig } from '../config';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';
import { UsersService } from './users.service';

/** The one failure that means "exists already": the email is taken (UsersService.create's CONFLICT). */
function emailTaken(error: unknown): boolean {
  return error instanceof AppException && error.code === ErrorCode.CONFLICT;
}

/**
 * Creates the demo accounts at start when the database has no users and SEED_DEMO is on. Each one
 * is created as an admin creates an account, so the audit log records it (`user.created`, no actor).
 */
@Injectable()
export class DemoAccountsSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoAccountsSeeder.name);

  constructor(
    private readonly users: UsersService,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo || (await this.users.countAll()) > 0) return;
    for (const account of DEMO_ACCOUNTS) {
      // Several instances may boot at once: whoever loses the race gets CONFLICT, which is fine.
      await this.createUnlessTaken(account);
    }
    this.logger.log(`Seeded demo accounts ${DEMO_ACCOUNTS.map((a) => a.email).join(', ')}`);
  }

  /**
   * `node dist/cli.js seed-demo`: creates each demo account that does not exist yet, whatever
   * else the database holds; returns the emails created (none on a second run).
   */
  async seedMissing(): Promise<string[]> {
    const created: string[] = [];
    for (const account of DEMO_ACCOUNTS) {
      if (await this.users.findByEmail(account.email)) continue;
      const user = await this.createUnlessTaken(account);
      if (user) created.push(user.email);
    }
    return created;
  }

  /** The account created, or undefined when its email is taken; any other failure is thrown. */
  private async createUnlessTaken(account: (typeof DEMO_ACCOUNTS)[number]) {
    try {
      return await this.users.createByAdmin({ ...account, password: DEMO_PASSWORD });
    } catch (error) {
      if (emailTaken(error)) return undefined;
      throw error;
    }
  }
}
