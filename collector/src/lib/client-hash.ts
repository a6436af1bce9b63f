// A per-client signal without keeping addresses: HMAC of the IP with a secret that lives only
// in memory and changes every UTC day, so yesterday's hashes cannot be linked to today's.
import { createHmac, randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';

let secret = randomBytes(32);
let secretDay = new Date().toISOString().slice(0, 10);

/**
 * The part of an address that names one client: an IPv4 address whole, an IPv6 address by its
 * /64 prefix, since one subscriber is routinely given a whole /64 and can use any address in it.
 */
export function clientNetwork(ip: string): string {
  if (!isIPv6(ip)) return ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export function clientHash(ip: string, now = Date.now()): string {
  const day = new Date(now).toISOString().slice(0, 10);
  if (day !== secretDay) {
    secret = randomBytes(32);
    secretDay = day;
  }
  return createHmac('sha256', secret).update(clientNetwork(ip)).digest('base64url').slice(0, 22);
}
