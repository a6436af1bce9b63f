import type { ErrorCode } from '@plaudit/shared';

/** An error whose status and code are safe to show the client as they are. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = (what = 'resource') => new HttpError(404, 'not_found', `${what} not found`);
