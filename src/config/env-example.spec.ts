// .env.example lists every variable of the README's configuration tables, and sets none.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

const root = join(__dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const example = readFileSync(join(root, '.env.example'), 'utf8');

/** The variables named in the first cell of the README's table rows (`| \`PORT\` | ...`). */
function documentedVariables(): string[] {
  const names = new Set<string>();
  for (const line of readme.split('\n')) {
    const firstCell = /^\|([^|]+)\|/.exec(line)?.[1] ?? '';
    for (const [, name] of firstCell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) names.add(name);
  }
  return [...names];
}

describe('.env.example', () => {
  it('mentions every variable of the README configuration tables', () => {
    const documented = documentedVariables();
    expect(documented.length).toBeGreaterThan(40);
    const missing = documented.filter((name) => !new RegExp(`^# ${name}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });

  it('sets nothing: every line is a comment, so copying it changes no default', () => {
    expect(parseEnv(example)).toEqual({});
  });
});
