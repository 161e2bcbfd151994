import { loadDotEnv } from './dotenv';
import { Env } from './env';

let dotEnvLoaded = false;

/**
 * The only door to `process.env` for code outside this folder. In development the first call
 * also adds the variables of `./.env` that the real environment does not set (see dotenv.ts).
 */
export function envFromProcess(): Env {
  if (!dotEnvLoaded) {
    dotEnvLoaded = true;
    loadDotEnv(process.env);
  }
  return process.env;
}
