/**
 * Whether the visitor has just acted (a click, a key): a host page calls show() from a click more
 * often than not, and when the browser can tell, it says so. Read at the moment of the call, as
 * the browser's flag lasts only a few seconds.
 */
export function activated(): boolean {
  return (navigator as { userActivation?: { isActive: boolean } }).userActivation?.isActive ?? true;
}
