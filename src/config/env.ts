// Parsing and validation of environment variables. Every error names the variable, so a bad
// deployment fails at start with one line that says what to fix.
import { randomBytes } from 'node:crypto';

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
    value: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem} (got ${JSON.stringify(value)})`);
    this.name = 'ConfigError';
  }
}

function raw(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function str(env: Env, name: string, fallback: string): string {
  return raw(env, name) ?? fallback;
}

export function optionalStr(env: Env, name: string): string | undefined {
  return raw(env, name);
}

export function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}`, value);
  }
  return Number(value);
}

export function bool(env: Env, name: string, fallback: boolean): boolean {
  const value = raw(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(name, 'must be true or false', env[name] as string);
}

export function url(env: Env, name: string, fallback: string | undefined, protocols: string[]): string | undefined {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `must be a URL (${protocols.join(' or ')})`, redactUrl(value));
  }
  if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}://`, redactUrl(value));
  }
  return value;
}

/**
 * A comma-separated list of web origins (`https://desk.example.com,http://localhost:5173`), each
 * normalised to what browsers send in `Origin` (scheme, host, port; no path). Empty → [].
 */
export function origins(env: Env, name: string): string[] {
  const value = raw(env, name);
  if (value === undefined) return [];
  const out: string[] = [];
  for (const item of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(item);
    } catch {
      parsed = undefined;
    }
    const bare =
      parsed && parsed.pathname === '/' && !parsed.search && !parsed.hash && !parsed.username && !parsed.password;
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || !bare) {
      throw new ConfigError(name, 'must be a comma-separated list of origins such as https://desk.example.com', value);
    }
    if (!out.includes(parsed.origin)) out.push(parsed.origin);
  }
  return out;
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Durations like `900`, `15m`, `12h`, `30d`, in seconds. */
export function duration(env: Env, name: string, fallback: string): number {
  const value = raw(env, name) ?? fallback;
  const match = /^(\d+)\s*([smhd]?)$/.exec(value);
  const seconds = match ? Number(match[1]) * DURATION_UNITS[match[2] || 's'] : 0;
  if (!match || seconds < 1) {
    throw new ConfigError(name, 'must be a positive duration such as 900, 15m, 12h or 30d', value);
  }
  return seconds;
}

export function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}`, value);
  }
  return value as T;
}

/** Hides the password of a connection URL before it is logged or shown. */
export function redactUrl(value: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return value.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

// One random secret per process, so tokens stay valid for the process's lifetime in development.
let devSecret: string | undefined;
export function developmentSecret(): string {
  devSecret ??= randomBytes(32).toString('base64url');
  return devSecret;
}
