// Response templates' `{name}` placeholders: which a content uses, and filling them in. Pure.
//
// Rendering is one pass of plain string substitution: a value is inserted as it is, never
// evaluated, never scanned again for placeholders (a value "{x}" stays "{x}"), and never escaped.
// Clients escape the result for wherever they display it (HTML, Markdown, ...).

/** A placeholder: `{` name `}`, the name a letter or `_`, then letters, digits, `_` or `.`. */
const PLACEHOLDER = /\{([a-zA-Z_][a-zA-Z0-9_.]*)\}/g;

/** A rendered template may not be longer than this (a small template times large values). */
export const MAX_RENDERED_LENGTH = 100_000;

export type RenderValue = string | number;
export type RenderContext = Readonly<Record<string, RenderValue>>;

export type RenderResult =
  { kind: 'rendered'; content: string } | { kind: 'missing'; missing: string[] } | { kind: 'too_long'; length: number };

/** The distinct placeholder names of `content`, sorted. */
export function templateVariables(content: string): string[] {
  const names = new Set<string>();
  for (const match of content.matchAll(PLACEHOLDER)) names.add(match[1]);
  return [...names].sort();
}

/**
 * Fills every placeholder of `content` from `context` (a flat map: `{ticket.id}` reads the key
 * "ticket.id"). Keys of `context` that the content does not use are ignored. Numbers are written
 * with `String(n)`. Text in braces that is not a placeholder name (`{ x }`, `{1}`) stays as it is.
 */
export function renderTemplate(content: string, context: RenderContext): RenderResult {
  // Own keys only: a name like "constructor" must not find Object.prototype's.
  const values = new Map<string, RenderValue>(Object.entries(context));
  const missing = templateVariables(content).filter((name) => !values.has(name));
  if (missing.length) return { kind: 'missing', missing };

  let length = content.length;
  for (const match of content.matchAll(PLACEHOLDER)) length += String(values.get(match[1])).length - match[0].length;
  if (length > MAX_RENDERED_LENGTH) return { kind: 'too_long', length };

  // A replacer function: `$&`, `$1`... in values are literal text, not replacement patterns.
  return {
    kind: 'rendered',
    content: content.replace(PLACEHOLDER, (_placeholder, name: string) => String(values.get(name))),
  };
}
