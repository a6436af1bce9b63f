import { describe, expect, it } from 'vitest';
import { contrast, DEFAULT_BRAND, luminance, themeRule } from './theme';

const variables = (rule: string) =>
  Object.fromEntries([...rule.matchAll(/--plaudit-([\w-]+):([^;}]+)/g)].map((m) => [m[1], m[2]]));

describe('luminance and contrast', () => {
  it.each([
    ['#000000', 0],
    ['#ffffff', 1],
    ['#808080', 0.2158605],
  ])('luminance(%s) ≈ %f', (hex, expected) => {
    expect(luminance(hex)).toBeCloseTo(expected, 5);
  });

  it('gives 21:1 for black on white and 1:1 for a colour on itself', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#4f46e5', '#4f46e5')).toBe(1);
  });
});

describe('themeRule', () => {
  it.each([
    ['#4f46e5', '#ffffff'],
    ['#000000', '#ffffff'],
    ['#0f766e', '#ffffff'],
    ['#facc15', '#111827'],
    ['#ffffff', '#111827'],
    ['#a3e635', '#111827'],
    ['#22d3ee', '#111827'],
  ])('puts %s text on brand %s… with AA contrast', (brand, onBrand) => {
    const theme = variables(themeRule(brand));
    expect(theme['brand']).toBe(brand);
    expect(theme['on-brand']).toBe(onBrand);
    expect(contrast(theme['on-brand']!, brand)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(['#4f46e5', '#facc15', '#e0e7ff', '#0f766e'])(
    'keeps the accent on white at 3:1 or more for brand %s',
    (brand) => {
      expect(contrast(variables(themeRule(brand))['accent']!, '#ffffff')).toBeGreaterThanOrEqual(3);
    },
  );

  it.each([undefined, '', 'red', '#fff', 'url(x)', '#12345g', '#4f46e5;}*{color:red'])(
    'falls back to the default indigo for %j',
    (brand) => {
      const rule = themeRule(brand);
      expect(variables(rule)['brand']).toBe(DEFAULT_BRAND);
      expect(rule).not.toContain('color:red');
    },
  );

  it('is one :host rule', () => {
    expect(themeRule('#4f46e5')).toMatch(/^:host\{[^{}]+\}$/);
  });
});
