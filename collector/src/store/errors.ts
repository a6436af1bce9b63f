// What storage can say went wrong, in its own words: routes map these codes to statuses. Storage
// never speaks HTTP.

export type StoreErrorCode =
  /** The write collides with what is stored (a response id that belongs to another survey). */
  | 'conflict'
  /** The change does not fit what is stored (a follow-up question's id given another type). */
  | 'invalid'
  /** The database cannot take writes now (disk full, failing or stalled fsync); try again later. */
  | 'unavailable';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/**
 * Whether an error of the database or the file system is a condition of the machine rather than
 * of the data: a full disk, an I/O error, a lock held too long. Such a write may succeed later.
 */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof StoreError) return error.code === 'unavailable';
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return (
    /^SQLITE_(FULL|IOERR|BUSY|LOCKED|CANTOPEN|READONLY|PROTOCOL)/.test(code) ||
    ['EIO', 'ENOSPC', 'EDQUOT', 'EROFS', 'EBADF', 'ENOENT'].includes(code)
  );
}

/** A short, log-safe name for an unavailable condition. */
export function describeUnavailable(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'disk full';
  if (typeof code === 'string' && (code.startsWith('SQLITE_IOERR') || code === 'EIO')) return `I/O error (${code})`;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}
