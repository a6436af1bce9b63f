// Items sent in bulk (customer events, tickets), checked one by one: a JSON batch, whose refused
// items are named by index, or a CSV file, whose refused lines are named by line number. A file of
// 100,000 lines takes a second or two to check, so it is read in slices of a few milliseconds with
// the event loop free between them: other requests are served meanwhile.
import { IMPORT_LIMITS } from '@plaudit/shared';
import type { z } from 'zod';
import { CsvReader } from '../lib/csv-read';
import { formatIssues } from '../plugins/errors';

/** An item checked: the value to store, or why it is refused. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** A checker from a zod schema and what turns a valid input into what is stored. */
export function checker<S extends z.ZodType, T>(schema: S, convert: (input: z.output<S>) => T): (candidate: unknown) => Checked<T> {
  return (candidate) => {
    const parsed = schema.safeParse(candidate);
    return parsed.success ? { ok: true, value: convert(parsed.data) } : { ok: false, message: formatIssues(parsed.error.issues) };
  };
}

export interface BatchOutcome<T> {
  items: T[];
  rejected: { index: number; error: { code: 'validation_failed'; message: string } }[];
}

export function checkBatch<T>(raw: readonly unknown[], check: (candidate: unknown) => Checked<T>): BatchOutcome<T> {
  const out: BatchOutcome<T> = { items: [], rejected: [] };
  raw.forEach((candidate, index) => {
    const checked = check(candidate);
    if (checked.ok) out.items.push(checked.value);
    else out.rejected.push({ index, error: { code: 'validation_failed', message: checked.message } });
  });
  return out;
}

export interface CsvSpec {
  /** The columns a header may name (each at most once), as the JSON items name their fields. */
  columns: readonly string[];
  /** Columns the header must name. */
  required: readonly string[];
  /** Columns whose cells are numbers when they read as one (otherwise the schema says what is wrong). */
  numeric: readonly string[];
  /** Columns whose cells are lists separated by `;` or `,`. */
  lists: readonly string[];
}

export type CsvOutcome<T> =
  | { ok: true; items: T[]; lines: number; refused: number; errors: { line: number; message: string }[] }
  | { ok: false; message: string };

/** How long a slice of checking may hold the event loop before it lets other work through. */
const SLICE_MS = 8;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
const NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * Reads a CSV file against `spec` and checks each line. The first line is the header; a line's
 * empty cells are left out of its item. Refused lines are counted, the first
 * IMPORT_LIMITS.reportedLines listed with their line numbers.
 */
export async function readCsv<T>(text: string, spec: CsvSpec, check: (candidate: unknown) => Checked<T>): Promise<CsvOutcome<T>> {
  const reader = new CsvReader(text);
  const header = reader.next();
  if (!header) return { ok: false, message: 'the file is empty: its first line must name the columns' };
  if ('error' in header) return { ok: false, message: `line 1 (the header): ${header.error}` };
  const names = header.cells.map((c) => c.trim());
  const unknown = names.filter((n) => !spec.columns.includes(n));
  if (unknown.length) return { ok: false, message: `line 1 (the header): unknown column ${unknown.map((n) => `"${n}"`).join(', ')}; the columns are ${spec.columns.join(', ')}` };
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length) return { ok: false, message: `line 1 (the header): column "${twice[0]}" appears twice` };
  const missing = spec.required.filter((c) => !names.includes(c));
  if (missing.length) return { ok: false, message: `line 1 (the header): missing column ${missing.join(', ')}` };

  const items: T[] = [];
  const errors: { line: number; message: string }[] = [];
  let refused = 0;
  let lines = 0;
  const refuse = (line: number, message: string) => {
    refused++;
    if (errors.length < IMPORT_LIMITS.reportedLines) errors.push({ line, message });
  };
  let sliceStart = performance.now();
  for (let record = reader.next(); record; record = reader.next()) {
    lines++;
    if (lines > IMPORT_LIMITS.importLines) return { ok: false, message: `a file holds at most ${IMPORT_LIMITS.importLines.toLocaleString('en')} lines; split it` };
    if ('error' in record) refuse(record.line, record.error);
    else if (record.cells.length !== names.length) refuse(record.line, `${record.cells.length} cells where the header names ${names.length}`);
    else {
      const candidate: Record<string, unknown> = {};
      record.cells.forEach((cell, i) => {
        if (cell === '') return;
        const name = names[i]!;
        if (spec.numeric.includes(name) && NUMBER.test(cell.trim())) candidate[name] = Number(cell.trim());
        else if (spec.lists.includes(name)) candidate[name] = cell.split(/[;,]/).map((v) => v.trim()).filter(Boolean);
        else candidate[name] = cell;
      });
      const checked = check(candidate);
      if (checked.ok) items.push(checked.value);
      else refuse(record.line, checked.message);
    }
    if ((lines & 63) === 0 && performance.now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return { ok: true, items, lines, refused, errors };
}

/** `items.map(fn)`, a few milliseconds at a time with the event loop free between. */
export async function mapInSlices<I, T>(items: readonly I[], fn: (item: I) => T): Promise<T[]> {
  const out: T[] = [];
  let sliceStart = performance.now();
  for (let i = 0; i < items.length; i++) {
    out.push(fn(items[i]!));
    if ((i & 63) === 63 && performance.now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return out;
}
