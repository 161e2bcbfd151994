// The command-line tool: `node dist/cli.js <command>` (create-admin, reset-password, seed-demo,
// migrate; `--help` on each). Exit codes: 0 done, 1 failed, 2 usage error.
import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliCommand, CommanderCommand } from './cli/cli-command';
import { CliError, EXIT_FAILED, EXIT_USAGE } from './cli/cli-error';
import { CliModule } from './cli/cli.module';
import { complain } from './cli/cli-output';
import { CreateAdminCommand } from './cli/commands/create-admin.command';
import { envFromProcess } from './config/process-env';
import { entities } from './entities';

let exitCode = 0;

/** One line for the failures we understand (ours, configuration, start-up, domain), a stack otherwise. */
function reportFailure(error: unknown): void {
  const known = error instanceof Error && ['CliError', 'ConfigError', 'StartupError'].includes(error.name);
  const coded = error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && !known;
  if (known || coded) complain((error as Error).message);
  else complain(error instanceof Error ? (error.stack ?? error.message) : String(error));
  exitCode = error instanceof CliError ? error.exitCode : EXIT_FAILED;
}

/** commander exits 1 on a bad command line; we exit 2 (0 for --help and --version). */
function usageExits(command: CommanderCommand): void {
  command.exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE));
  command.showHelpAfterError('(add --help for usage)');
  command.commands.forEach(usageExits);
}

async function main(): Promise<void> {
  const app = await CommandFactory.createWithoutRunning(CliModule.register({ env: envFromProcess(), entities }), {
    logger: false,
    cliName: 'helpdesk',
    serviceErrorHandler: reportFailure,
  });
  const root = (app.get(CreateAdminCommand) as CliCommand).commander().parent!;
  root.name('node dist/cli.js');
  usageExits(root);
  try {
    await CommandFactory.runApplication(app);
  } finally {
    await app.close();
  }
  process.exit(exitCode);
}

void main().catch((error: unknown) => {
  reportFailure(error);
  process.exit(exitCode);
});
