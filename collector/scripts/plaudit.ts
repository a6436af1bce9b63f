// pnpm plaudit <command>: operators' tools.
//   copy --from ./data/plaudit.db --to postgres://user:pass@host/db
//     Copies a SQLite deployment into PostgreSQL, resumable, then checks counts and metrics.
//     Stop the collector first (or copy a backup of the file): rows written meanwhile would not be copied.
import path from 'node:path';
import { copySqliteToPostgres } from './copy/copy';

const USAGE = `Usage: pnpm plaudit copy --from <sqlite file> --to <postgres://…> [--page-size 5000]

Copies every table of a SQLite deployment into a PostgreSQL database (migrated first), in pages that
each commit with how far the copy got: an interrupted copy, run again, resumes where it stopped and
never writes a row twice. Then compares row counts and every site's metrics through both engines.
Exit code 0 when everything matches, 1 otherwise.`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command !== 'copy') {
    process.stderr.write(`${USAGE}\n`);
    return command === undefined || command === '--help' ? 0 : 1;
  }
  const from = option(args, '--from');
  const to = option(args, '--to');
  if (!from || !to || !/^postgres(ql)?:\/\//.test(to)) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  // pnpm runs scripts from the workspace root; a relative path means the caller's directory.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), from);
  const pageSize = Number(option(args, '--page-size') ?? 5_000);
  const report = await copySqliteToPostgres(file, to, { pageSize, log: (line) => process.stderr.write(`[copy] ${line}\n`) });
  for (const t of report.tables) process.stdout.write(`${t.name.padEnd(18)} SQLite ${String(t.source).padStart(9)}  PostgreSQL ${String(t.target).padStart(9)}  (${t.copiedNow} copied in this run)\n`);
  process.stdout.write(`metrics compared for ${report.sitesChecked} sites\n`);
  for (const problem of report.problems) process.stdout.write(`MISMATCH ${problem}\n`);
  process.stdout.write(report.ok ? 'copy verified: counts and metrics match\n' : 'copy NOT verified\n');
  return report.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`plaudit: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
