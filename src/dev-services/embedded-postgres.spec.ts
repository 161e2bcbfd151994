import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPostmasterPid, stopPostmasterOnExit } from './embedded-postgres';

describe('embedded Postgres exit guard', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-pg-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reads the postmaster pid from the first line of postmaster.pid', () => {
    expect(readPostmasterPid(dataDir)).toBeUndefined();
    writeFileSync(join(dataDir, 'postmaster.pid'), `4242\n${dataDir}\n1733300000\n5432\n`);
    expect(readPostmasterPid(dataDir)).toBe(4242);
    writeFileSync(join(dataDir, 'postmaster.pid'), 'garbage\n');
    expect(readPostmasterPid(dataDir)).toBeUndefined();
  });

  it('sends the postmaster SIGINT (fast shutdown), and does nothing once it is gone', async () => {
    const postmaster = spawn('sleep', ['60'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      postmaster.on('exit', (_code, signal) => resolve(signal)),
    );
    writeFileSync(join(dataDir, 'postmaster.pid'), `${postmaster.pid}\n${dataDir}\n`);
    stopPostmasterOnExit(dataDir)();
    expect(await exited).toBe('SIGINT');
    expect(() => stopPostmasterOnExit(dataDir)()).not.toThrow();
    rmSync(join(dataDir, 'postmaster.pid'));
    expect(() => stopPostmasterOnExit(dataDir)()).not.toThrow();
  });
});
