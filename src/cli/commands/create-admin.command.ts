import { Command, Option } from 'nest-commander';
import { CliCommand } from '../cli-command';
import { UserRole } from '../../common/user-role';
import { UsersService } from '../../users/users.service';
import { CliError } from '../cli-error';
import { parseEmail, parseName } from '../cli-options';
import { say } from '../cli-output';
import { CliRuntime } from '../cli-runtime';
import { generatePassword, readPassword } from '../password-input';

interface CreateAdminOptions {
  email: string;
  name?: string;
  generatePassword?: boolean;
  promote?: boolean;
}

@Command({
  name: 'create-admin',
  description:
    'Create an admin account (the first one of a new deployment). The password comes from stdin ' +
    '(piped: its first line; on a terminal: a hidden prompt, asked twice) or --generate-password.',
})
export class CreateAdminCommand extends CliCommand {
  constructor(private readonly runtime: CliRuntime) {
    super();
  }

  async run(_args: string[], options: CreateAdminOptions): Promise<void> {
    const email = parseEmail(options.email);
    const name = parseName(options.name ?? 'Administrator');
    await this.runtime.withAccounts(async (context) => {
      const users = context.get(UsersService);
      const existing = await users.findByEmail(email);
      if (existing && !options.promote) {
        throw new CliError(
          `A user with email ${email} already exists (role ${existing.role}${existing.isActive ? '' : ', deactivated'}); ` +
            'add --promote to make it an active admin, or use reset-password',
        );
      }
      if (existing) {
        await users.promoteToAdmin(existing.id);
        say(`Promoted ${email} (user id ${existing.id}) to admin; its password is unchanged`);
        return;
      }
      const password = options.generatePassword ? generatePassword() : await readPassword();
      const user = await users.createByAdmin({ email, name, role: UserRole.ADMIN, password });
      say(`Created admin ${user.email} (user id ${user.id})`);
      // By design the one place a password is shown: once, here.
      if (options.generatePassword) say(`Generated password (shown only this once): ${password}`);
    });
  }

  @Option({ flags: '--email <email>', description: "the admin's email address (required)", required: true })
  parseEmail(value: string): string {
    return value;
  }

  @Option({ flags: '--name <name>', description: 'display name (default "Administrator")' })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--generate-password', description: 'generate a strong password and print it once' })
  parseGeneratePassword(): boolean {
    return true;
  }

  @Option({
    flags: '--promote',
    description: 'when the email is already registered, make that account an active admin (password unchanged)',
  })
  parsePromote(): boolean {
    return true;
  }
}
