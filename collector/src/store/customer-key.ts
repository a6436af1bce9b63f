// An identified customer as fatigue stores them: a hash of site and id, enough to find them again
// and nothing to read back.
import { createHash } from 'node:crypto';

export const customerKey = (siteId: string, customerId: string) => createHash('sha256').update(`${siteId}\u0000${customerId}`).digest('hex');
