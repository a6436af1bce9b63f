import { describe, expect, it } from 'vitest';
import { blockedAddress, literalProblem, urlProblem } from './address-guard';

describe('blockedAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.9', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['0.0.0.0', 'unspecified'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
  ])('refuses %s (%s)', (address, range) => {
    expect(blockedAddress(address)).toContain(range);
  });

  it.each(['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '1.1.1.1'])('lets %s through', (address) => {
    expect(blockedAddress(address)).toBeNull();
  });
});

describe('urlProblem', () => {
  // Spellings of loopback and metadata that a naive string check misses; the URL parser
  // normalises the numeric ones, the resolver the names.
  it.each([
    'http://localhost:8080/hook',
    'http://127.0.0.1/hook',
    'http://2130706433/hook',
    'http://0x7f000001/hook',
    'http://127.1/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/',
    'http://10.0.0.5/hook',
  ])('refuses %s by default', async (url) => {
    expect(await urlProblem(url, false)).toMatch(/non-public|does not resolve/);
  });

  it('allows them when private addresses are allowed', async () => {
    expect(await urlProblem('http://127.0.0.1:9/hook', true)).toBeNull();
    expect(literalProblem('http://127.0.0.1:9/hook', true)).toBeNull();
    expect(literalProblem('http://127.0.0.1:9/hook', false)).toContain('loopback');
    expect(literalProblem('http://[::1]:9/hook', false)).toContain('loopback');
  });
});
