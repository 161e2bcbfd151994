import { Command, Option } from 'nest-commander';
import { CliCommand } from '../cli-command';
import { DEMO_ACCOUNTS } from '../../users/demo-accounts';
import { DemoAccountsSeeder } from '../../users/demo-accounts.seeder';
import { CliError } from '../cli-error';
import { say } from '../cli-output';
import { CliRuntime } from '../cli-runtime';

interface SeedDemoOptions {
  allowProduction?: boolean;
}

@Command({
  name: 'seed-demo',
  description:
    `Create the demo accounts the API seeds in development (${DEMO_ACCOUNTS.map((a) => a.email).join(', ')}) ` +
    'where missing; safe to repeat. Refused in production (their password is public) unless --allow-production',
})
export class SeedDemoCommand extends CliCommand {
  constructor(private readonly runtime: CliRuntime) {
    super();
  }

  async run(_args: string[], options: SeedDemoOptions = {}): Promise<void> {
    if (this.runtime.config().app.isProduction && !options.allowProduction) {
      throw new CliError(
        'Refusing to create the demo accounts in production (NODE_ENV=production): their password is public; ' +
          'add --allow-production to create them anyway',
      );
    }
    const created = await this.runtime.withAccounts((context) => context.get(DemoAccountsSeeder).seedMissing());
    say(
      created.length ? `Created demo accounts ${created.join(', ')}` : 'The demo accounts exist already; nothing to do',
    );
  }

  @Option({
    flags: '--allow-production',
    description: 'create them even with NODE_ENV=production (a demo or staging deployment)',
  })
  parseAllowProduction(): boolean {
    return true;
  }
}
