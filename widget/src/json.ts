// JSON that the host page cannot bend. A toJSON method on a built-in prototype changes what
// JSON.stringify writes: Prototype.js 1.6's Array#toJSON returns the array's JSON as a string,
// which JSON.stringify then encodes once more, and the collector receives a string, not an array.

/**
 * JSON.stringify deaf to toJSON: a replacer runs after toJSON, and this one hands back the value
 * the holder really has. (Primitives never have their toJSON called.)
 */
export function stringify(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key) {
    return this[key];
  });
}

/** Parsed JSON, or null when corrupt. */
export function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
