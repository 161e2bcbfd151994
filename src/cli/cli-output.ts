// What the commands print. stdout carries results (and a generated password, once); stderr the
// prompts and errors. Passwords and hashes never pass through here otherwise.

export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function complain(line: string): void {
  process.stderr.write(`${line}\n`);
}
