import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Env } from './env';
import { loadDotEnv } from './dotenv';

describe('loadDotEnv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-dotenv-'));
  const file = join(dir, '.env');
  writeFileSync(file, '# a comment\nPORT=4000\nLOG_LEVEL=debug\nMAIL_FROM="Desk <desk@example.com>"\n\nEMPTY=\n');

  it('adds the variables of the file in development', () => {
    const env: Env = {};
    expect(loadDotEnv(env, file).sort()).toEqual(['EMPTY', 'LOG_LEVEL', 'MAIL_FROM', 'PORT']);
    expect(env).toEqual({ PORT: '4000', LOG_LEVEL: 'debug', MAIL_FROM: 'Desk <desk@example.com>', EMPTY: '' });
  });

  it('lets the real environment win over the file', () => {
    const env: Env = { NODE_ENV: 'development', PORT: '5000' };
    loadDotEnv(env, file);
    expect(env).toMatchObject({ NODE_ENV: 'development', PORT: '5000', LOG_LEVEL: 'debug' });
  });

  it.each(['production', 'test'])('reads nothing when NODE_ENV=%s', (nodeEnv) => {
    const env: Env = { NODE_ENV: nodeEnv };
    expect(loadDotEnv(env, file)).toEqual([]);
    expect(env).toEqual({ NODE_ENV: nodeEnv });
  });

  it('does nothing without a file', () => {
    const env: Env = {};
    expect(loadDotEnv(env, join(dir, 'missing.env'))).toEqual([]);
    expect(env).toEqual({});
  });
});
