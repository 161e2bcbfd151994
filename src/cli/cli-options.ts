// Parsing of the options the commands share.
import { isEmail } from 'class-validator';
import { CliError, EXIT_USAGE } from './cli-error';

/** Like the API's email fields: trimmed, lower-cased, an address of at most 254 characters. */
export function parseEmail(value: string): string {
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !isEmail(email)) throw new CliError(`--email: not an email address: ${value}`, EXIT_USAGE);
  return email;
}

/** Like the API's name field: 1 to 100 characters once trimmed. */
export function parseName(value: string): string {
  const name = value.trim();
  if (name.length < 1 || name.length > 100) throw new CliError('--name must be 1 to 100 characters', EXIT_USAGE);
  return name;
}
