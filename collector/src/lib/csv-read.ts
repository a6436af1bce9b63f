// Reads CSV (RFC 4180) one record at a time, each with the line of the file it starts on, so an
// import can name a refused line the way a spreadsheet numbers it and can stop every few thousand
// records to let other requests through. Quoted cells may hold commas, doubled quotes and line
// breaks; line ends are CRLF or LF; a leading byte-order mark is ignored. A malformed record (a
// quote inside an unquoted cell, text after a closing quote, a quote never closed) is reported as
// an error of its line and reading goes on with the next line.

export type CsvRecord = { line: number; cells: string[] } | { line: number; error: string };

export class CsvReader {
  private pos = 0;
  private line = 1;

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  /** The next record, or undefined at the end. Blank lines are skipped. */
  next(): CsvRecord | undefined {
    const text = this.text;
    // Blank lines between records (and the final line end) hold no record.
    for (;;) {
      if (this.pos >= text.length) return undefined;
      const c = text.charCodeAt(this.pos);
      if (c === 10) (this.pos++, this.line++);
      else if (c === 13 && text.charCodeAt(this.pos + 1) === 10) ((this.pos += 2), this.line++);
      else break;
    }
    const start = this.line;
    const cells: string[] = [];
    for (;;) {
      if (text.charCodeAt(this.pos) === 34 /* " */) {
        // A quoted cell: up to the quote that is not doubled.
        let value = '';
        let from = this.pos + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote < 0) {
            this.pos = text.length;
            return { line: start, error: 'a quoted cell is never closed' };
          }
          value += text.slice(from, quote);
          if (text.charCodeAt(quote + 1) === 34) {
            value += '"';
            from = quote + 2;
            continue;
          }
          this.pos = quote + 1;
          break;
        }
        for (const ch of value) if (ch === '\n') this.line++;
        cells.push(value);
        const after = text.charCodeAt(this.pos);
        if (after === 44 /* , */) {
          this.pos++;
          continue;
        }
        if (this.endOfRecord()) return { line: start, cells };
        this.skipRecord();
        return { line: start, error: `cell ${cells.length}: text after a closing quote` };
      }
      // An unquoted cell: up to the next comma or line end.
      let end = this.pos;
      while (end < text.length) {
        const c = text.charCodeAt(end);
        if (c === 44 || c === 10 || c === 13) break;
        end++;
      }
      const value = text.slice(this.pos, end);
      this.pos = end;
      if (value.includes('"')) {
        this.skipRecord();
        return { line: start, error: `cell ${cells.length + 1}: a quote inside an unquoted cell (quote the whole cell and double the quote)` };
      }
      cells.push(value);
      if (text.charCodeAt(this.pos) === 44) {
        this.pos++;
        continue;
      }
      if (this.endOfRecord()) return { line: start, cells };
      // A lone CR: not a line end this reader knows.
      this.skipRecord();
      return { line: start, error: `cell ${cells.length}: a carriage return outside quotes` };
    }
  }

  /** Consumes a line end (or the end of the text); false when neither is here. */
  private endOfRecord(): boolean {
    const text = this.text;
    if (this.pos >= text.length) return true;
    const c = text.charCodeAt(this.pos);
    if (c === 10) {
      this.pos++;
      this.line++;
      return true;
    }
    if (c === 13 && text.charCodeAt(this.pos + 1) === 10) {
      this.pos += 2;
      this.line++;
      return true;
    }
    return false;
  }

  /** Skips the rest of a malformed record's line. */
  private skipRecord(): void {
    const next = this.text.indexOf('\n', this.pos);
    if (next < 0) this.pos = this.text.length;
    else {
      this.pos = next + 1;
      this.line++;
    }
  }
}
