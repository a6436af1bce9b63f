import { describe, expect, it } from 'vitest';
import { parse, stringify } from './json';

const VALUE = { id: 'a', nps: 9, attributes: { plan: 'pro', seats: [1, 2] }, list: [{ x: true }, null] };
const CLEAN = JSON.stringify(VALUE);

type Target = { toJSON?: () => unknown };

/** What host pages put on prototypes; each is removed again before anything is asserted. */
const POLLUTIONS: [string, Target, () => unknown][] = [
  [
    'Prototype.js 1.6’s Array#toJSON, which returns a JSON string',
    Array.prototype as Target,
    function (this: unknown[]) {
      return '[' + this.map((v) => JSON.stringify(v)).join(', ') + ']';
    },
  ],
  ['an Array#toJSON that returns something else', Array.prototype as Target, () => 'array'],
  ['an Object#toJSON', Object.prototype as Target, () => ({ polluted: true })],
];

describe('stringify', () => {
  it.each(POLLUTIONS)('writes plain JSON despite %s', (_, target, toJSON) => {
    let native: string;
    let ours: string;
    target.toJSON = toJSON;
    try {
      native = JSON.stringify(VALUE);
      ours = stringify(VALUE);
    } finally {
      delete target.toJSON;
    }
    expect(native).not.toBe(CLEAN);
    expect(ours).toBe(CLEAN);
  });

  it.each<[unknown, string | undefined]>([
    [[], '[]'],
    [{ a: undefined, b: 1 }, '{"b":1}'],
    ['text', '"text"'],
    [5, '5'],
    [null, 'null'],
    [undefined, undefined],
  ])('writes %j as JSON.stringify does', (value, expected) => {
    expect(stringify(value)).toBe(expected);
  });
});

describe('parse', () => {
  it.each<[string, unknown]>([
    ['[1,"a"]', [1, 'a']],
    ['{"a":{"b":null}}', { a: { b: null } }],
    ['"text"', 'text'],
    ['{not json', null],
    ['', null],
  ])('%j → %j', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });
});
