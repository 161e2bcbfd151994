// What every command runs on: the configuration, read once, and the Nest application context of
// the account commands, opened per command so `--help` and usage errors touch no service.
import { Inject, Injectable, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { commandLineEnv, Env, validateEnv, ValidatedEnv } from '../config';
import { EntityList } from '../database/data-source-options';
import { migrateDatabase } from '../database/database-bootstrap';
import { CliAccountsModule } from './cli-accounts.module';

export const CLI_SETUP = Symbol('CLI_SETUP');

export interface CliSetup {
  env: Env;
  entities: EntityList;
}

@Injectable()
export class CliRuntime {
  constructor(@Inject(CLI_SETUP) private readonly setup: CliSetup) {}

  private get env(): Env {
    return commandLineEnv(this.setup.env);
  }

  /** The validated configuration (throws a ConfigError naming a bad variable). */
  config(): ValidatedEnv {
    return validateEnv(this.env);
  }

  /** Runs `work` in a context holding the users feature, then closes it. */
  async withAccounts<T>(work: (context: INestApplicationContext) => Promise<T>): Promise<T> {
    this.config();
    const context = await NestFactory.createApplicationContext(
      CliAccountsModule.register(this.env, this.setup.entities),
      {
        logger: false,
        abortOnError: false,
      },
    );
    try {
      await context.init();
      const result = await work(context);
      // After-commit messages (sessions ended) leave on later ticks: let them reach Redis before it closes.
      await new Promise((resolve) => setImmediate(resolve));
      return result;
    } finally {
      await context.close();
    }
  }

  /** Pending migrations, under API start's advisory lock; the names applied. */
  migrate(): Promise<string[]> {
    return migrateDatabase(this.config().database, this.setup.entities);
  }
}
