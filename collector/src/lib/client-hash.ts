// A per-client signal without keeping addresses: HMAC of the IP with a secret that lives only
// in memory and changes every UTC day, so yesterday's hashes cannot be linked to today's.
import { createHmac, randomBytes } from 'node:crypto';

let secret = randomBytes(32);
let secretDay = new Date().toISOString().slice(0, 10);

export function clientHash(ip: string, now = Date.now()): string {
  const day = new Date(now).toISOString().slice(0, 10);
  if (day !== secretDay) {
    secret = randomBytes(32);
    secretDay = day;
  }
  return createHmac('sha256', secret).update(ip).digest('base64url').slice(0, 22);
}
