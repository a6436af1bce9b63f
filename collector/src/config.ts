// Configuration comes from the environment and is validated once at boot.
import path from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  PLAUDIT_DB: z.string().min(1).default('./data/plaudit.db'),
  PLAUDIT_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  PLAUDIT_ADMIN_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters')
    // A bearer token is one run of visible ASCII: with a space it could never be sent whole.
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces (it is sent as "Authorization: Bearer <token>")')
    // Keys are told apart by prefix: a token spelled like a site key would be checked as one.
    .refine((t) => !/^(sk|pk)_/.test(t), 'must not start with sk_ or pk_, the prefixes of site keys')
    .optional(),
  PLAUDIT_RATE_LIMIT: z.coerce.number().int().min(0).default(600),
  PLAUDIT_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  PLAUDIT_KEY_RATE_LIMIT: z.coerce.number().int().min(0).optional(),
  PLAUDIT_WRITE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  PLAUDIT_TRUST_PROXY: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' || v === 'false' || v === '0' ? false : v === 'true' ? true : v)),
  PLAUDIT_PUBLIC_URL: z.url().optional(),
  PLAUDIT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PLAUDIT_DEMO: z.enum(['0', '1']).default('1'),
  PLAUDIT_BOT_FILTER: z.enum(['on', 'off']).default('on'),
  PLAUDIT_WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(5_000),
  PLAUDIT_WEBHOOK_ALLOW_PRIVATE: z.enum(['0', '1']).default('0'),
  PLAUDIT_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  PLAUDIT_SMTP_FROM: z.string().min(3).default('Plaudit <plaudit@localhost>'),
});

export interface Config {
  port: number;
  host: string;
  /** The SQLite file; ignored when databaseUrl is set. */
  dbPath: string;
  /** A postgres:// URL: PostgreSQL instead of SQLite. */
  databaseUrl: string | undefined;
  /** When set, the only admin token; when unset, the hash stored in the database is used. */
  adminToken: string | undefined;
  /** Requests per minute per client on public routes; 0 disables the limit. */
  rateLimit: number;
  /** Requests per minute per public key; undefined means 20 × rateLimit. */
  keyRateLimit: number | undefined;
  /** false, true, or a comma list of proxy addresses/CIDRs, as Fastify's trustProxy takes. */
  trustProxy: boolean | string;
  /** Public base URL printed in the snippet; defaults to http://HOST:PORT. */
  publicUrl: string | undefined;
  logLevel: string;
  /** Time a client has to send a whole request. */
  requestTimeoutMs: number;
  /** Time a write may wait for the disk before it is refused with 503. */
  writeTimeoutMs: number;
  demo: boolean;
  /** Drop (and count) answers from known bots and headless browsers. */
  botFilter: boolean;
  /** The first retry delay of a failed webhook delivery; later ones scale with it. */
  webhookRetryBaseMs: number;
  /** Let webhooks reach loopback and private addresses (local setups, tests). */
  webhookAllowPrivate: boolean;
  /** smtp(s)://user:pass@host:port for alerts and digests; none sends no e-mail. */
  smtpUrl: string | undefined;
  smtpFrom: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dbPath: path.resolve(e.PLAUDIT_DB),
    databaseUrl: e.PLAUDIT_DATABASE_URL,
    adminToken: e.PLAUDIT_ADMIN_TOKEN,
    rateLimit: e.PLAUDIT_RATE_LIMIT,
    keyRateLimit: e.PLAUDIT_KEY_RATE_LIMIT,
    trustProxy: e.PLAUDIT_TRUST_PROXY,
    publicUrl: e.PLAUDIT_PUBLIC_URL,
    logLevel: e.PLAUDIT_LOG_LEVEL,
    requestTimeoutMs: e.PLAUDIT_REQUEST_TIMEOUT_MS,
    writeTimeoutMs: e.PLAUDIT_WRITE_TIMEOUT_MS,
    demo: e.PLAUDIT_DEMO === '1',
    botFilter: e.PLAUDIT_BOT_FILTER === 'on',
    webhookRetryBaseMs: e.PLAUDIT_WEBHOOK_RETRY_BASE_MS,
    webhookAllowPrivate: e.PLAUDIT_WEBHOOK_ALLOW_PRIVATE === '1',
    smtpUrl: e.PLAUDIT_SMTP_URL,
    smtpFrom: e.PLAUDIT_SMTP_FROM,
  };
}
