/** Wraps `fn` so nothing it throws reaches the host page; used on every entry point and handler. */
export function safe<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      fn(...args);
    } catch {
      // Deliberately silent: the visitor's page matters more than our error.
    }
  };
}
