import { describe, expect, it } from 'vitest';
import { CsvReader, type CsvRecord } from './csv-read';
import { csvRow } from './csv';

const readAll = (text: string) => {
  const reader = new CsvReader(text);
  const out: CsvRecord[] = [];
  for (let r = reader.next(); r; r = reader.next()) out.push(r);
  return out;
};

describe('CsvReader', () => {
  it('reads records with the line each starts on', () => {
    expect(readAll('id,type\r\na,lost\r\nb,acquired\r\n')).toEqual([
      { line: 1, cells: ['id', 'type'] },
      { line: 2, cells: ['a', 'lost'] },
      { line: 3, cells: ['b', 'acquired'] },
    ]);
  });

  it('reads quoted cells with commas, doubled quotes and line breaks, and counts their lines', () => {
    expect(readAll('subject,id\n"Late, ""very"" late",1\n"two\nlines",2\nplain,3')).toEqual([
      { line: 1, cells: ['subject', 'id'] },
      { line: 2, cells: ['Late, "very" late', '1'] },
      { line: 3, cells: ['two\nlines', '2'] },
      { line: 5, cells: ['plain', '3'] },
    ]);
  });

  it('keeps empty cells, skips blank lines and a byte-order mark', () => {
    expect(readAll('\uFEFFa,b,c\n\n1,,3\n,,\n')).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 3, cells: ['1', '', '3'] },
      { line: 4, cells: ['', '', ''] },
    ]);
  });

  it('reports a malformed record on its line and reads on', () => {
    expect(readAll('a,b\nx"y,1\n"q"z,2\nok,3\n"never closed,4\nlost,5')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, error: 'cell 1: a quote inside an unquoted cell (quote the whole cell and double the quote)' },
      { line: 3, error: 'cell 1: text after a closing quote' },
      { line: 4, cells: ['ok', '3'] },
      { line: 5, error: 'a quoted cell is never closed' },
    ]);
  });

  it('reads back what the CSV export writes', () => {
    const values = ['plain', 'with, comma', 'with "quotes"', 'multi\r\nline', '', ' padded '];
    expect(readAll(csvRow(values))).toEqual([{ line: 1, cells: values }]);
  });
});
