import { Env } from './env';

/** The only door to `process.env` for code outside this folder. */
export function envFromProcess(): Env {
  return process.env;
}
