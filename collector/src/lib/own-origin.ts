// The collector's own address, as pages and links it writes must name it. The configured public
// URL when there is one; otherwise the request's Host, which the client chooses, so it is used
// only when it is a plain host name (nothing that could break out of HTML or a header).
import type { FastifyRequest } from 'fastify';
import { HttpError } from './errors';

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export function ownOrigin(request: FastifyRequest, publicUrl: string | undefined): string {
  if (publicUrl) return new URL(publicUrl).origin;
  if (!HOST.test(request.host)) throw new HttpError(400, 'bad_request', 'the Host header is not a host name');
  return `${request.protocol}://${request.host}`;
}
