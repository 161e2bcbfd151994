// Where a new password comes from: piped stdin, a hidden prompt on a terminal, or generated.
import { randomBytes } from 'node:crypto';
import { PASSWORD_MAX, PASSWORD_MIN } from '../users/dto/user.dtos';
import { CliError, EXIT_USAGE } from './cli-error';

/** 24 random bytes: 32 URL-safe characters, 192 bits. */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

/** The API's password rules (users and password-reset DTOs): PASSWORD_MIN to PASSWORD_MAX characters. */
export function checkPassword(password: string): string {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw new CliError(`The password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long`);
  }
  return password;
}

/**
 * The password typed or piped in: on a terminal a prompt that echoes nothing, asked twice; else
 * the first line of stdin (one trailing newline dropped, nothing else trimmed).
 */
export async function readPassword(input: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (input.isTTY) {
    const first = await promptHidden(input, 'New password: ');
    const second = await promptHidden(input, 'Repeat it: ');
    if (first !== second) throw new CliError('The two passwords differ');
    return checkPassword(first);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    // Anything past the first line is ignored, so stop reading a huge input early.
    if (size > PASSWORD_MAX * 4 + 2 || chunk.includes(0x0a)) break;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const password = text.split(/\r?\n/)[0];
  if (!text.length) {
    throw new CliError('No password on stdin: pipe one in, run on a terminal, or pass --generate-password', EXIT_USAGE);
  }
  return checkPassword(password);
}

function promptHidden(input: NodeJS.ReadStream, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    process.stderr.write(question);
    let typed = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const finish = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (text: string) => {
      for (const char of text) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new CliError('Cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.on('data', onData);
  });
}
