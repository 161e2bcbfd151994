/**
 * A class-transformer `@Transform` for list query parameters: `a,b`, `p=a&p=b` or both → ['a', 'b']
 * (parts trimmed, empty ones dropped). Anything else (a non-string part) is left for the validators
 * to refuse.
 */
export function commaList({ value }: { value: unknown }): unknown {
  const parts: unknown[] = Array.isArray(value) ? value : [value];
  if (!parts.every((part) => typeof part === 'string')) return value;
  return (parts as string[])
    .flatMap((part) => part.split(','))
    .map((part) => part.trim())
    .filter(Boolean);
}
