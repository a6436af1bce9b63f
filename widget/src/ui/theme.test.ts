import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { themeColors } from '@plaudit/shared';
import { describe, expect, it } from 'vitest';
import { themeRule, type ThemeColors } from './theme';

// The colour maths (contrast, accent, wash) is tested where it lives: shared/src/theme.test.ts.

const variables = (rule: string) =>
  Object.fromEntries([...rule.matchAll(/--plaudit-([\w-]+):\s*([^;}]+)/g)].map((m) => [m[1], m[2]!.replace(/\s/g, '')]));
const asVariables = (colors: ThemeColors) => ({
  brand: colors.brand,
  'on-brand': colors.onBrand,
  accent: colors.accent,
  wash: colors.wash,
});

describe('themeRule', () => {
  it.each(['#4f46e5', '#facc15', '#0f766e', '#FFFFFF', '#000000'])(
    'writes the colours the collector derives from %s',
    (brand) => {
      const colors = themeColors(brand);
      expect(variables(themeRule(colors))).toEqual(asVariables(colors));
    },
  );

  it("leaves the stylesheet's default, the collector's, when an older collector sends no colours", () => {
    expect(themeRule(undefined)).toBe('');
    const css = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../styles.css'), 'utf8');
    expect(variables(/:host \{([^}]*)\}/.exec(css)![1]!)).toEqual(asVariables(themeColors(undefined)));
  });

  const good = themeColors('#0f766e');
  it.each<[keyof ThemeColors, unknown]>([
    ['brand', 'red'],
    ['brand', '#fff'],
    ['brand', '#12345g'],
    ['brand', '#4f46e5;}*{color:red'],
    ['onBrand', 'url(x)'],
    ['onBrand', 'var(--x)'],
    ['accent', 'rgb(1,2,3);color:red'],
    ['accent', 'rgb(1,2,3)}*{color:red'],
    ['wash', 'rgba(1,2,3,0)'],
    ['wash', 'rgb(1, 2, 3)'],
    ['wash', 'rgb(1,2,3)\n}*{color:red'],
    ['wash', undefined],
    ['wash', 42],
  ])('refuses %s %j, and with it the whole set, for the default', (key, value) => {
    expect(themeRule({ ...good, [key]: value } as ThemeColors)).toBe('');
  });

  it('is one :host rule', () => {
    expect(themeRule(good)).toMatch(/^:host\{[^{}]+\}$/);
  });
});
