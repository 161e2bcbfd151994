// scripts/node-lts.js: `npm start` and `npm test` run through it, so a machine whose Node is older
// than 24 still gets the project's Node. On this Node (>= 24, as CI provides) it must use itself
// and pass arguments, output, exit codes and SIGTERM through unchanged. (The fetch into .node/ is
// what `. scripts/use-node.sh` does in CI on every run.)
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../../src/common/paths';

const SCRIPT = join(PROJECT_ROOT, 'scripts/node-lts.js');
const run = (args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });

describe('scripts/node-lts.js', () => {
  it('names this Node when it is new enough', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
    const ensured = run(['--ensure']);
    expect(ensured.status).toBe(0);
    expect(ensured.stdout.trim()).toBe(dirname(process.execPath));
  });

  it('runs node with the arguments given and passes its output and exit code back', () => {
    const result = run(['--max-old-space-size=64', '-e', 'console.log(process.argv.length); process.exit(7)']);
    expect(result.stdout.trim()).toBe('1');
    expect(result.status).toBe(7);
  });

  it('passes SIGTERM to the child and exits as the child did', async () => {
    const child = spawn(
      process.execPath,
      [SCRIPT, '-e', "process.on('SIGTERM', () => process.exit(0)); console.log('ready'); setInterval(() => {}, 1000)"],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(0);
  });

  it('refuses to run without arguments, with one line', () => {
    const result = run([]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('node-lts: usage: node scripts/node-lts.js --ensure | <node arguments...>\n');
  });
});
