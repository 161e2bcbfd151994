import { Command } from 'nest-commander';
import { CliCommand } from '../cli-command';
import { DEMO_ACCOUNTS } from '../../users/demo-accounts';
import { DemoAccountsSeeder } from '../../users/demo-accounts.seeder';
import { say } from '../cli-output';
import { CliRuntime } from '../cli-runtime';

@Command({
  name: 'seed-demo',
  description: `Create the demo accounts the API seeds in development (${DEMO_ACCOUNTS.map((a) => a.email).join(', ')}) where missing; safe to repeat`,
})
export class SeedDemoCommand extends CliCommand {
  constructor(private readonly runtime: CliRuntime) {
    super();
  }

  async run(): Promise<void> {
    const created = await this.runtime.withAccounts((context) => context.get(DemoAccountsSeeder).seedMissing());
    say(
      created.length ? `Created demo accounts ${created.join(', ')}` : 'The demo accounts exist already; nothing to do',
    );
  }
}
