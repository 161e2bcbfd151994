import { DynamicModule, Module } from '@nestjs/common';
import { CLI_SETUP, CliRuntime, CliSetup } from './cli-runtime';
import { CreateAdminCommand } from './commands/create-admin.command';
import { MigrateCommand } from './commands/migrate.command';
import { ResetPasswordCommand } from './commands/reset-password.command';
import { SeedDemoCommand } from './commands/seed-demo.command';

/** The commands of `node dist/cli.js`; each opens the context it needs when it runs. */
@Module({})
export class CliModule {
  static register(setup: CliSetup): DynamicModule {
    return {
      module: CliModule,
      providers: [
        { provide: CLI_SETUP, useValue: setup },
        CliRuntime,
        CreateAdminCommand,
        ResetPasswordCommand,
        SeedDemoCommand,
        MigrateCommand,
      ],
    };
  }
}
