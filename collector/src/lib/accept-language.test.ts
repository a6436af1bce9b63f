import { describe, expect, it } from 'vitest';
import { preferredLanguage } from './accept-language';

const SPOKEN = ['en', 'fr', 'es', 'de'];

describe('preferredLanguage', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['en-GB', 'en'],
    ['nl-BE,nl;q=0.9,fr;q=0.5', 'fr'],
    ['de;q=0.3, es;q=0.7', 'es'],
    ['en;q=0.5, fr;q=0.5', 'en'],
    ['FR-ca', 'fr'],
    ['fr;q=0, en', 'en'],
    ['*', undefined],
    ['ja, zh;q=0.9', undefined],
    ['fr;q=abc, de', 'de'],
  ])('%j → %j', (header, expected) => {
    expect(preferredLanguage(header, SPOKEN)).toBe(expected);
  });
});
