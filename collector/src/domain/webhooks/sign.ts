// Standard Webhooks signatures (standardwebhooks.com): a secret `whsec_<base64>`, and for each
// request HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>` with the secret's bytes, sent as
// `webhook-signature: v1,<base64>`. Receivers verify with the scheme's reference libraries.
import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** A new signing secret: 24 random bytes. */
export const newWebhookSecret = () => `${PREFIX}${randomBytes(24).toString('base64')}`;

export function signatureHeaders(secret: string, id: string, timestampSeconds: number, body: string): Record<string, string> {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': `v1,${signature}` };
}
