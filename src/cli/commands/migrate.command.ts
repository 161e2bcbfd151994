import { Command } from 'nest-commander';
import { CliCommand } from '../cli-command';
import { say } from '../cli-output';
import { CliRuntime } from '../cli-runtime';

@Command({
  name: 'migrate',
  description:
    'Create the database if missing and run the pending migrations, under the same lock as API start ' +
    '(safe beside starting instances); prints each one applied',
})
export class MigrateCommand extends CliCommand {
  constructor(private readonly runtime: CliRuntime) {
    super();
  }

  async run(): Promise<void> {
    const applied = await this.runtime.migrate();
    if (!applied.length) say('No pending migrations');
    for (const name of applied) say(`Applied ${name}`);
  }
}
