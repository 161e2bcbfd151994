/**
 * Bounds on the shape of request input, so that no request can make the parser, class-transformer
 * and class-validator do more than a few milliseconds of work. Their costs are not linear:
 * class-transformer de-duplicates an object's keys with `indexOf` (quadratic in the keys; a 1 MB
 * body of 120k keys took 9 s), JSON.parse itself spends ~100 ms on 1 MB of 110k distinct keys or
 * of 500k nested brackets, and the pipe recurses once per level. JSON and form bodies are measured
 * on their bytes, before they are parsed; parsed input (the query string, and bodies again as a
 * backstop) on its values. Each bound sits far above anything our DTOs accept:
 */
export const INPUT_BOUNDS = {
  /**
   * Our bodies are at most three levels deep; the pipe's recursion would overflow its stack on a
   * few kilobytes of `[[[[…]]]]` (a 500 before this bound).
   */
  depth: 32,
  /** The widest object we accept is a template's `context` (CONTEXT_MAX_KEYS = 200 keys). */
  keysPerObject: 1_000,
  /** The longest array we accept is a bulk claim's `ids` (MAX_BULK = 100); tags are at most 10. */
  arrayLength: 1_000,
  /**
   * Values in all (object entries, array elements, the root): the largest body we accept (a
   * template render with 200 context entries) has about 210. Keeps the pipe's work linear and small
   * even where each object and array stays under its own bound.
   */
  values: 10_000,
  /**
   * Pairs of a form body (`a=1&b=2&a=3`, counted before parsing): each may be another key or
   * another element of a repeated key's array, so the tighter of those two bounds.
   */
  formPairs: 1_000,
} as const;

export type InputBound = keyof typeof INPUT_BOUNDS;
export type InputBounds = Record<InputBound, number>;

/** The 400's message when `where` ('Request body', 'Query string') passes `bound`. */
export function inputBoundMessage(where: string, bound: InputBound, bounds: InputBounds = INPUT_BOUNDS): string {
  switch (bound) {
    case 'depth':
      return `${where} nests deeper than ${bounds.depth} levels`;
    case 'keysPerObject':
      return `${where} has an object with more than ${bounds.keysPerObject} keys`;
    case 'arrayLength':
      return `${where} has an array with more than ${bounds.arrayLength} elements`;
    case 'values':
      return `${where} holds more than ${bounds.values} values`;
    case 'formPairs':
      return `${where} has more than ${bounds.formPairs} fields`;
  }
}

const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const AMPERSAND = 0x26;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** A bound a JSON text passes, and where: the object keys (and array indexes) leading to it. */
export interface ExceededBound {
  bound: InputBound;
  /** `conditions.tags_all`, `items[3].ids`; empty at the root or for the whole-body bounds. */
  path: string;
}

/** Longer keys are cut in the path; a path is a hint for the client, never an echo of the body. */
const PATH_KEY_MAX = 64;

/**
 * The first bound that the JSON text `bytes` passes, or null: one pass over the bytes, no parsing,
 * no allocation beyond a few small arrays per nesting level (at most `depth`). UTF-8 continuation
 * bytes are never ASCII, so brackets, commas and quotes are found byte by byte. Malformed text is
 * measured as far as it goes; JSON.parse refuses it afterwards. For a container that is too long,
 * `path` names it (`conditions.tags_all`), so the 400 can name the field like a DTO's would.
 */
export function exceededBoundOfJsonTextAt(bytes: Uint8Array, bounds: InputBounds = INPUT_BOUNDS): ExceededBound | null {
  /** Per open container: true for an object. */
  const isObject: boolean[] = [];
  /** Per open container: its entries so far (0 until the first one starts). */
  const entries: number[] = [];
  /** Per open object: the byte range of its current key; whether the next string is a key. */
  const keyStart: number[] = [];
  const keyEnd: number[] = [];
  const expectKey: boolean[] = [];
  let depth = 0;
  let values = 1;
  let inString = false;
  let stringIsKey = false;
  const pathTo = (levels: number): string => {
    let path = '';
    for (let level = 0; level < levels; level++) {
      if (isObject[level]) {
        const end = Math.min(keyEnd[level], keyStart[level] + PATH_KEY_MAX);
        const key = keyStart[level] < 0 ? '' : Buffer.from(bytes.subarray(keyStart[level], end)).toString('utf8');
        path += path ? `.${key}` : key;
      } else {
        path += `[${Math.max(0, entries[level] - 1)}]`;
      }
    }
    return path;
  };
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) {
        inString = false;
        if (stringIsKey) keyEnd[depth - 1] = i;
      }
      continue;
    }
    if (isWhitespace(byte)) continue;
    if (depth > 0 && entries[depth - 1] === 0 && byte !== CLOSE_OBJECT && byte !== CLOSE_ARRAY) {
      // The first entry of the innermost container starts here.
      entries[depth - 1] = 1;
      if (++values > bounds.values) return { bound: 'values', path: '' };
    }
    if (byte === QUOTE) {
      inString = true;
      stringIsKey = depth > 0 && isObject[depth - 1] && expectKey[depth - 1];
      if (stringIsKey) {
        keyStart[depth - 1] = i + 1;
        keyEnd[depth - 1] = i + 1;
        expectKey[depth - 1] = false;
      }
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (depth >= bounds.depth) return { bound: 'depth', path: '' };
      isObject[depth] = byte === OPEN_OBJECT;
      entries[depth] = 0;
      keyStart[depth] = -1;
      expectKey[depth] = byte === OPEN_OBJECT;
      depth++;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      if (depth > 0) depth--;
    } else if (byte === COMMA && depth > 0) {
      const count = ++entries[depth - 1];
      if (count > (isObject[depth - 1] ? bounds.keysPerObject : bounds.arrayLength)) {
        return { bound: isObject[depth - 1] ? 'keysPerObject' : 'arrayLength', path: pathTo(depth - 1) };
      }
      if (isObject[depth - 1]) expectKey[depth - 1] = true;
      if (++values > bounds.values) return { bound: 'values', path: '' };
    }
  }
  return null;
}

/** The first bound that the JSON text `bytes` passes, or null (see {@link exceededBoundOfJsonTextAt}). */
export function exceededBoundOfJsonText(bytes: Uint8Array, bounds: InputBounds = INPUT_BOUNDS): InputBound | null {
  return exceededBoundOfJsonTextAt(bytes, bounds)?.bound ?? null;
}

/** 'formPairs' when the form body (`a=1&b=2&a=3`) `bytes` has more pairs than allowed, counted before parsing. */
export function exceededBoundOfFormText(bytes: Uint8Array, bounds: InputBounds = INPUT_BOUNDS): InputBound | null {
  let pairs = 1;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === AMPERSAND && ++pairs > bounds.formPairs) return 'formPairs';
  }
  return null;
}

/**
 * The first bound a parsed value (a query string, a parsed body) passes, or null. Stops at the
 * first bound passed, so a deep or huge value costs no more than the bounds allow.
 */
export function exceededBoundOfValue(value: unknown, bounds: InputBounds = INPUT_BOUNDS): InputBound | null {
  let values = 1;
  const visit = (node: unknown, depth: number): InputBound | null => {
    if (node === null || typeof node !== 'object') return null;
    if (depth >= bounds.depth) return 'depth';
    let children: unknown[];
    if (Array.isArray(node)) {
      if (node.length > bounds.arrayLength) return 'arrayLength';
      children = node;
    } else {
      const keys = Object.keys(node);
      if (keys.length > bounds.keysPerObject) return 'keysPerObject';
      children = keys.map((key) => (node as Record<string, unknown>)[key]);
    }
    values += children.length;
    if (values > bounds.values) return 'values';
    for (const child of children) {
      const found = visit(child, depth + 1);
      if (found) return found;
    }
    return null;
  };
  return visit(value, 0);
}
