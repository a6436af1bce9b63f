import { describe, expect, it } from 'vitest';
import { clientHash, clientNetwork } from './client-hash';

describe('clientNetwork', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:85a3:0000:0000:8a2e:0370:7334', '2001:db8:85a3:0::/64'],
    ['2001:db8:85a3::8a2e:370:7334', '2001:db8:85a3:0::/64'],
    ['2001:DB8:85A3:0:ffff:ffff:ffff:ffff', '2001:db8:85a3:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1', 'fe80:0:0:0::/64'],
  ])('%s is the client %s', (ip, network) => {
    expect(clientNetwork(ip)).toBe(network);
  });

  it('gives every address of one /64 the same hash, and other networks another', () => {
    const now = Date.parse('2026-11-29T12:00:00Z');
    expect(clientHash('2001:db8:1:2::1', now)).toBe(clientHash('2001:db8:1:2:abcd::9', now));
    expect(clientHash('2001:db8:1:2::1', now)).not.toBe(clientHash('2001:db8:1:3::1', now));
    expect(clientHash('203.0.113.7', now)).not.toBe(clientHash('203.0.113.8', now));
  });
});
