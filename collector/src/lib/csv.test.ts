import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['+33 6 12 34 56 78', "'+33 6 12 34 56 78"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['plain words', 'plain words'],
    ['a, b', '"a, b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['say "hi"', '"say ""hi"""'],
    [null, ''],
    [undefined, ''],
  ])('%j → %s', (input, out) => {
    expect(csvCell(input)).toBe(out);
  });

  it('leaves numbers and booleans as they are, negatives included', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(9)).toBe('9');
    expect(csvCell(true)).toBe('true');
  });

  it('joins a row with CRLF', () => {
    expect(csvRow(['a', 1, null])).toBe('a,1,\r\n');
  });
});
