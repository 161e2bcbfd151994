/**
 * Text no route can take as sent, refused up front so it is a clear 400 on every route:
 * - U+0000: Postgres cannot store it, so a NUL anywhere would surface as a database error;
 * - a lone UTF-16 surrogate (`"\ud800"` in JSON): not Unicode text at all. Validators that
 *   percent-encode (class-validator's IsEmail) throw on it, and the database driver would store
 *   U+FFFD in its place, silently changing what the client sent.
 */
export type UnstorableText = 'nul' | 'lone-surrogate';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function check(text: string): UnstorableText | null {
  if (text.includes('\u0000')) return 'nul';
  return LONE_SURROGATE.test(text) ? 'lone-surrogate' : null;
}

/** The first problem in any string or key of `value` (callers bound the depth before: MAX_JSON_DEPTH). */
export function findUnstorableText(value: unknown, depth = 0): UnstorableText | null {
  if (typeof value === 'string') return check(value);
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findUnstorableText(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = check(key) ?? findUnstorableText(item, depth + 1);
    if (found) return found;
  }
  return null;
}

export const UNSTORABLE_TEXT_MESSAGES: Record<UnstorableText, string> = {
  nul: 'Text must not contain NUL (\\u0000) characters',
  'lone-surrogate': 'Text must be valid Unicode (no unpaired surrogates such as \\ud800)',
};
