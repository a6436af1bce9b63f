import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it.each([
    ['too short', 'short', /at least 16/],
    ['with a space', 'my admin token 2026!', /without spaces/],
    ['with a tab', 'adm_token_\t_0123456789', /without spaces/],
    ['with a non-ASCII letter', 'adm_tökén_0123456789', /printable ASCII/],
    ['spelled like a secret key', 'sk_0123456789abcdefghij', /must not start with sk_ or pk_/],
    ['spelled like a public key', 'pk_0123456789abcdefghij', /must not start with sk_ or pk_/],
  ])('refuses PLAUDIT_ADMIN_TOKEN %s, which could never authenticate as meant', (_, token, message) => {
    expect(() => loadConfig({ PLAUDIT_ADMIN_TOKEN: token })).toThrow(message);
  });

  it.each(['adm_0123456789abcdef', 'correct-horse-battery-staple!'])('accepts the admin token %s', (token) => {
    expect(loadConfig({ PLAUDIT_ADMIN_TOKEN: token }).adminToken).toBe(token);
  });

  it('names the variable in the message', () => {
    expect(() => loadConfig({ PLAUDIT_ADMIN_TOKEN: 'sk_0123456789abcdefghij' })).toThrow(/PLAUDIT_ADMIN_TOKEN/);
  });
});
