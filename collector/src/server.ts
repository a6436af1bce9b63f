// Starts the collector: validated config, listen, print what a newcomer needs, drain on SIGTERM.
import { buildApp } from './app';
import { bootstrap } from './bootstrap';
import { loadConfig } from './config';

async function main() {
  const config = loadConfig();
  const app = await buildApp({
    dbPath: config.dbPath,
    databaseUrl: config.databaseUrl,
    adminToken: config.adminToken,
    rateLimit: config.rateLimit,
    trustProxy: config.trustProxy,
    keyRateLimit: config.keyRateLimit,
    requestTimeoutMs: config.requestTimeoutMs,
    writeTimeoutMs: config.writeTimeoutMs,
    publicUrl: config.publicUrl,
    botFilter: config.botFilter,
    webhookRetryBaseMs: config.webhookRetryBaseMs,
    webhookAllowPrivate: config.webhookAllowPrivate,
    smtp: config.smtpUrl ? { url: config.smtpUrl, from: config.smtpFrom } : undefined,
    logger: { level: config.logLevel },
  });
  const address = await app.listen({ port: config.port, host: config.host });
  const baseUrl = config.publicUrl ?? address.replace('[::1]', 'localhost');
  const boot = await bootstrap(app, { adminToken: config.adminToken, demo: config.demo, baseUrl });

  // The URL's password is the operator's secret: never printed.
  const database = config.databaseUrl ? `PostgreSQL ${new URL(config.databaseUrl).host}${new URL(config.databaseUrl).pathname}` : config.dbPath;
  const lines = [``, `Plaudit collector listening on ${baseUrl}  (database ${database})`];
  if (boot.setupUrl) {
    lines.push(`Set up the dashboard (first account, this link works until it is used): ${boot.setupUrl}`);
  } else {
    lines.push(`Dashboard: ${baseUrl}/dashboard/`);
  }
  if (boot.adminToken) {
    lines.push(`Admin token (shown once; set PLAUDIT_ADMIN_TOKEN to choose your own): ${boot.adminToken}`);
  }
  if (boot.demo) {
    lines.push(
      `Demo site created: ${boot.demo.siteId}`,
      `  public key  ${boot.demo.publicKey}`,
      `  secret key  ${boot.demo.secretKey}   (shown once)`,
      `  See the widget:   ${baseUrl}/examples/`,
      `  API docs:         ${baseUrl}/docs`,
      `  Snippet to paste: <script async src="${baseUrl}/widget.js" data-key="${boot.demo.publicKey}"></script>`,
    );
  } else {
    lines.push(`  Examples: ${baseUrl}/examples/   API docs: ${baseUrl}/docs`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'draining and closing');
    // close() stops accepting, waits for in-flight requests, then flushes and closes the database.
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'error while closing');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
