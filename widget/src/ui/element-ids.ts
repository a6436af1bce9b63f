let counter = 0;

/** A fresh element id (no hooks in this bundle, so no useId). */
export function nextId(): string {
  return `plaudit-${++counter}`;
}
