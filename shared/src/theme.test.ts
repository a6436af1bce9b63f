import { describe, expect, it } from 'vitest';
import { contrast, DEFAULT_BRAND, luminance, themeColors } from './theme';

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

describe('themeColors', () => {
  it.each([
    ['#4f46e5', '#ffffff'],
    ['#000000', '#ffffff'],
    ['#0f766e', '#ffffff'],
    ['#facc15', '#111827'],
    ['#ffffff', '#111827'],
    ['#a3e635', '#111827'],
    ['#22d3ee', '#111827'],
  ])('puts readable text on %s', (brand, onBrand) => {
    const c = themeColors(brand);
    expect(c.brand).toBe(brand);
    expect(c.onBrand).toBe(onBrand);
    expect(contrast(c.onBrand, brand)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(['#4f46e5', '#facc15', '#e0e7ff', '#0f766e'])('keeps the accent at 3:1 on white for %s', (brand) => {
    expect(contrast(themeColors(brand).accent, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it.each([undefined, '', 'red', '#fff', 'url(x)', '#12345g', '#4f46e5;}*{color:red'])('falls back to indigo for %j', (brand) => {
    expect(themeColors(brand).brand).toBe(DEFAULT_BRAND);
  });

  it('washes the brand colour to 8% on white', () => {
    expect(themeColors('#000000').wash).toBe('rgb(235,235,235)');
  });
});
