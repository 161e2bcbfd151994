/**
 * How deep a request body may nest. Our bodies are at most three levels deep; the validation pipe
 * (class-transformer) recurses once per level, so a few kilobytes of `[[[[…]]]]` would overflow
 * its stack and surface as a 500. Anything deeper than this is refused up front with a 400.
 */
export const MAX_JSON_DEPTH = 32;

/** True when `value` nests objects or arrays more than `maxDepth` levels deep (stops looking there). */
export function nestsDeeperThan(value: unknown, maxDepth: number, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth >= maxDepth) return true;
  const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => nestsDeeperThan(child, maxDepth, depth + 1));
}
