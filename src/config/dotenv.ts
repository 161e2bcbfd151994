// `.env` support for development: the file's variables join the environment, the real
// environment wins, and production (or a test run) never reads the file.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { Env } from './env';

export const DOTENV_FILE = '.env';

/**
 * Adds the variables of `file` (relative to the working directory) to `env` when the file exists
 * and `env`'s NODE_ENV is unset or `development`. Variables already set keep their values, as
 * with Node's `--env-file` and `process.loadEnvFile` (whose parser this is). Returns the names added.
 */
export function loadDotEnv(env: Env, file: string = DOTENV_FILE): string[] {
  const nodeEnv = env.NODE_ENV?.trim();
  if (nodeEnv && nodeEnv !== 'development') return [];
  const path = resolve(file);
  if (!existsSync(path)) return [];
  const added: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(readFileSync(path, 'utf8')))) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    added.push(name);
  }
  return added;
}
