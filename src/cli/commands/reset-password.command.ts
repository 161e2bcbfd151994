import { Command, Option } from 'nest-commander';
import { CliCommand } from '../cli-command';
import { UsersService } from '../../users/users.service';
import { CliError } from '../cli-error';
import { parseEmail } from '../cli-options';
import { say } from '../cli-output';
import { CliRuntime } from '../cli-runtime';
import { generatePassword, readPassword } from '../password-input';

interface ResetPasswordOptions {
  email: string;
  generatePassword?: boolean;
}

@Command({
  name: 'reset-password',
  description:
    "Set a user's password and end all of its login sessions, as the API's password reset does. " +
    'The password comes from stdin (piped or a hidden prompt) or --generate-password.',
})
export class ResetPasswordCommand extends CliCommand {
  constructor(private readonly runtime: CliRuntime) {
    super();
  }

  async run(_args: string[], options: ResetPasswordOptions): Promise<void> {
    const email = parseEmail(options.email);
    await this.runtime.withAccounts(async (context) => {
      const users = context.get(UsersService);
      const user = await users.findByEmail(email);
      if (!user) throw new CliError(`No user with email ${email}`);
      const password = options.generatePassword ? generatePassword() : await readPassword();
      await users.setPassword(user.id, password, {
        action: 'user.password_changed',
        target: { type: 'user', id: user.id },
      });
      say(`Password of ${user.email} (user id ${user.id}) changed; its sessions were ended`);
      if (options.generatePassword) say(`Generated password (shown only this once): ${password}`);
    });
  }

  @Option({ flags: '--email <email>', description: "the user's email address (required)", required: true })
  parseEmail(value: string): string {
    return value;
  }

  @Option({ flags: '--generate-password', description: 'generate a strong password and print it once' })
  parseGeneratePassword(): boolean {
    return true;
  }
}
