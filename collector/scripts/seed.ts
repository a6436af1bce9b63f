// pnpm seed --responses N --db PATH [--seed S] [--days D] [--last-day YYYY-MM-DD]
// Fills a database with one site, three surveys and N synthetic answers over the last two years.
// Progress goes to stderr; the last stdout line is the site's keys as JSON.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/store/sqlite/database';
import { DEFAULT_SEED, seedSite } from './seed/seed-site';

const USAGE = `Usage: pnpm seed --responses N [--db PATH] [--seed S] [--days D] [--last-day YYYY-MM-DD] [--name NAME]
  --responses  number of answers to create (required)
  --db         SQLite file, created or migrated; an existing one gets another site (default: $PLAUDIT_DB or ./data/plaudit.db)
  --seed       seed of the random stream (default: ${DEFAULT_SEED})
  --days       length of the period in days (default: 730)
  --last-day   last local day with answers (default: yesterday, Europe/Paris)
  --name       site name
  --customers  customers in the billing data, at least those the answers name (default: a quarter of the answers); 0: none, no tickets either
  --tickets    support tickets (default: 1.2 per customer)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function wholeNumber(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be a whole number ≥ ${min}, got ${value}`);
  return n;
}

async function main() {
  const args = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        responses: { type: 'string' },
        db: { type: 'string' },
        seed: { type: 'string' },
        days: { type: 'string' },
        'last-day': { type: 'string' },
        name: { type: 'string' },
        customers: { type: 'string' },
        tickets: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const responses = wholeNumber(values.responses, 'responses', 0) ?? fail('--responses is required');
  const lastDay = values['last-day'];
  if (lastDay !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(lastDay)) fail(`--last-day must be YYYY-MM-DD, got ${lastDay}`);
  const dbPath = path.resolve(values.db ?? process.env.PLAUDIT_DB ?? './data/plaudit.db');

  const db = openDatabase(dbPath);
  try {
    process.stderr.write(`Seeding ${responses.toLocaleString('en')} answers into ${dbPath}\n`);
    let lastReport = 0;
    const result = await seedSite(db, {
      responses,
      seed: values.seed,
      days: wholeNumber(values.days, 'days', 1),
      lastDay,
      name: values.name,
      customers: wholeNumber(values.customers, 'customers', 0) === 0 ? false : wholeNumber(values.customers, 'customers', 0),
      tickets: wholeNumber(values.tickets, 'tickets', 0),
      onProgress: (done, total, elapsedMs) => {
        if (done < total && elapsedMs - lastReport < 1000) return;
        lastReport = elapsedMs;
        const rate = Math.round((done * 1000) / Math.max(1, elapsedMs));
        process.stderr.write(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} rows  (${rate.toLocaleString('en')} rows/s)\n`);
      },
    });
    process.stderr.write(
      [
        `Seeded ${result.rows.toLocaleString('en')} answers from ${result.firstDay} to ${result.lastDay} in ${(result.totalMs / 1000).toFixed(1)} s` +
          ` (${Math.round(result.rowsPerSecond).toLocaleString('en')} rows/s; rows ${(result.insertMs / 1000).toFixed(1)} s,` +
          ` rollups ${(result.rollupMs / 1000).toFixed(1)} s)`,
        `Site ${result.siteId}, surveys ${Object.entries(result.surveys).map(([k, v]) => `${k}=${v}`).join(', ')}`,
        `Customers ${result.customers.customers.toLocaleString('en')} with ${result.customers.events.toLocaleString('en')} billing events and ${result.customers.tickets.toLocaleString('en')} tickets in ${(result.customers.ms / 1000).toFixed(1)} s`,
        '',
      ].join('\n'),
    );
    process.stdout.write(`${JSON.stringify({ id: result.siteId, secretKey: result.secretKey, publicKey: result.publicKey })}\n`);
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
