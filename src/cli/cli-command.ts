import { CommandRunner } from 'nest-commander';

/** The commander object behind a command (nest-commander's own commander version). */
export type CommanderCommand = CommandRunner extends { setCommand(command: infer C): unknown } ? C : never;

/** A command of `node dist/cli.js`; exposes its commander object so cli.ts can set exit codes on every one. */
export abstract class CliCommand extends CommandRunner {
  commander(): CommanderCommand {
    return this.command;
  }
}
