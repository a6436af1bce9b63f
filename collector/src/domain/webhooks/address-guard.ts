// No SSRF through webhooks: a webhook may only reach public unicast addresses. A URL is checked
// when it is registered and again at every delivery, where the connection is made to the very
// address that was checked (the lookup the socket uses is this one), so a DNS answer that changes
// between the two (rebinding) cannot slip through; redirects are never followed.
import dns from 'node:dns';
import type { LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';

/** Why an address may not be reached, or null when it is a public unicast one. */
export function blockedAddress(address: string): string | null {
  if (!ipaddr.isValid(address)) return `not an IP address: ${address}`;
  let ip = ipaddr.parse(address);
  // ::ffff:127.0.0.1 is 127.0.0.1.
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  return range === 'unicast' ? null : `${address} is a ${range} address`;
}

/** The hostname of a URL as an address, when it is one (brackets of IPv6 removed). */
function literalAddress(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(bare) ? bare : undefined;
}

/** Every address a hostname resolves to (or the literal itself). */
async function resolve(hostname: string): Promise<string[]> {
  const literal = literalAddress(hostname);
  if (literal) return [literal];
  const found = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => a.address);
}

/** Why a webhook URL may not be used, or null. `allowPrivate` lifts the address rule (local setups, tests). */
export async function urlProblem(url: string, allowPrivate: boolean): Promise<string | null> {
  const { hostname } = new URL(url);
  if (allowPrivate) return null;
  let addresses: string[];
  try {
    addresses = await resolve(hostname);
  } catch {
    return `${hostname} does not resolve`;
  }
  if (addresses.length === 0) return `${hostname} does not resolve`;
  for (const a of addresses) {
    const problem = blockedAddress(a);
    if (problem) return `${hostname} resolves to a non-public address (${problem}); set PLAUDIT_WEBHOOK_ALLOW_PRIVATE=1 for a local setup`;
  }
  return null;
}

/**
 * A `lookup` for http.request that resolves as usual but refuses any non-public address, so the
 * socket connects only to an address that passed the check.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    dns.lookup(hostname, { ...options, all: true, verbatim: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '');
      if (!allowPrivate) {
        for (const a of addresses) {
          const problem = blockedAddress(a.address);
          if (problem) return callback(Object.assign(new Error(`blocked: ${hostname} resolves to a non-public address (${problem})`), { code: 'EBLOCKED' }), '');
        }
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }), '');
      callback(null, first.address, first.family);
    });
  };
}

/** For a URL whose host is an address (the socket then skips lookup): why it may not be reached. */
export function literalProblem(url: string, allowPrivate: boolean): string | null {
  if (allowPrivate) return null;
  const literal = literalAddress(new URL(url).hostname);
  return literal ? blockedAddress(literal) : null;
}
