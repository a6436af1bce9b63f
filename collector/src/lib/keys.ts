// Identifiers and keys. Secret keys and the admin token are stored only as SHA-256 hashes:
// they are long random strings, so a fast hash is enough (no password stretching needed).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function randomId(prefix: string, bytes = 9): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

export const newSiteId = () => randomId('st_');
export const newSurveyId = () => randomId('sv_');
export const newPublicKey = () => randomId('pk_', 18);
export const newSecretKey = () => randomId('sk_', 32);
export const newAdminToken = () => randomId('adm_', 32);

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
