// The environment, parsed once with zod. Every variable is listed in the README table.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const bytes = z.coerce.number().int().positive();
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Query API quotas, in units of 10 ms of handling time per window (the `limits` syntax of OONI's services). */
/** The dated Citizen Lab snapshot shipped with the repository (data/test-lists/README.md), whatever the cwd. */
export const DEFAULT_TEST_LISTS_DIR = fileURLToPath(new URL('../data/test-lists/lists', import.meta.url));

export const DEFAULT_QUERY_RATE_LIMITS = '1000/minute;400000/day;2000000/7day';

const RATE_LIMIT_UNITS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400, month: 2_592_000, year: 31_536_000 };

/** `10/minute;400000/day;200000/7day` (also `,`-separated, `per`, plural units) → amount per window of `seconds`. */
export function parseRateLimits(spec: string): { amount: number; seconds: number }[] {
  const limits = spec
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const m = /^(\d+)\s*(?:\/|per)\s*(\d*)\s*(second|minute|hour|day|month|year)s?$/i.exec(item);
      if (!m || Number(m[2] || 1) < 1) throw new Error(`invalid rate limit ${JSON.stringify(item)}`);
      return { amount: Number(m[1]), seconds: Number(m[2] || 1) * RATE_LIMIT_UNITS[m[3]!.toLowerCase()]! };
    });
  if (limits.length === 0) throw new Error('no rate limit given');
  return limits;
}

const rateLimits = z.string().refine((spec) => {
  try {
    parseRateLimits(spec);
    return true;
  } catch {
    return false;
  }
}, 'expected limits such as 1000/minute;400000/day;2000000/7day');
/**
 * OONI's own front-ends: where upstream's ooniauth lets a login link send the browser (its
 * VALID_REDIRECT_TO_FQDN, over https), plus a local Explorer (`next dev -p 3100`). The default of
 * both LOGIN_REDIRECT_ALLOWLIST and CORS_ALLOWED_ORIGINS.
 */
const OONI_FRONT_END_ORIGINS = [
  ...[
    'explorer.ooni.org',
    'explorer.test.ooni.org',
    'explorer.dev.ooni.org',
    'run.ooni.io',
    'run.ooni.org',
    'run.test.ooni.org',
    'run-v2.ooni.org',
    'test-lists.ooni.org',
    'test-lists.test.ooni.org',
  ].map((host) => `https://${host}`),
  'http://localhost:3100',
  'http://127.0.0.1:3100',
];

const commaItems = (s: string) =>
  s
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
/** `https://host[:port]` entries, each an origin and nothing more (no path, query or credentials). */
const originList = z
  .string()
  .transform(commaItems)
  .pipe(
    z.array(
      z.string().refine((o) => {
        try {
          const u = new URL(o);
          return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === o.replace(/\/$/, '');
        } catch {
          return false;
        }
      }, 'expected comma-separated origins such as https://explorer.ooni.org or http://localhost:3100'),
    ),
  )
  .transform((origins) => origins.map((o) => new URL(o).origin));
const emailList = z
  .string()
  .transform((s) => commaItems(s).map((e) => e.toLowerCase()))
  .pipe(z.array(z.email({ error: 'expected comma-separated email addresses' })));

const domainList = z
  .string()
  .transform((s) => commaItems(s).map((d) => d.toLowerCase()))
  .pipe(
    z
      .array(z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, 'expected comma-separated domain names'))
      .min(1, 'expected at least one domain'),
  );

const ipList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((ip) => ip.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.union([z.ipv4(), z.ipv6()], { error: 'expected comma-separated IP addresses' })));

/** Variables every process reads (worker, API, CLI). */
export const runtimeSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('ooni-pipeline'),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'not a valid S3 bucket name')
    .default('ooni-data'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: flag.default(true),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(8080),
  PUBLIC_BASE_URL: z.url().optional(),
  COLLECTOR_ID: z
    .string()
    .regex(/^[0-9]{1,3}$/, 'a small integer, as in n<id> of report ids')
    .default('0'),
  MAX_BODY_BYTES: bytes.default(10 * 1024 * 1024),
  MAX_DECOMPRESSED_BYTES: bytes.default(32 * 1024 * 1024),
  MAX_INFLIGHT_UPLOADS: z.coerce.number().int().positive().default(64),
  PROBE_JWT_SECRET: z.string().min(16).default('ooni-pipeline-development-secret'),
  OPERATOR_TOKEN: z.string().min(16).optional(),
  FINGERPRINTS_DIR: z.string().min(1).optional(),
  SWEEP_AFTER_SECONDS: z.coerce.number().int().min(10).default(300),
  SEAL_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  TEST_LISTS_DIR: z.string().min(1).default(DEFAULT_TEST_LISTS_DIR),
  FINGERPRINTS_POLL_SECONDS: z.coerce.number().int().min(1).default(60),
  RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  /** host:port of the worker's Prometheus endpoint (Temporal SDK metrics per workflow and activity type); `off` disables it. */
  WORKER_METRICS_ADDRESS: z.union([z.literal('off'), z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port or off')]).default('127.0.0.1:9464'),
  /** Reverse proxies in front of the API that append the peer address to X-Forwarded-For; 0 = ignore the header. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(16).default(0),
  QUERY_RATE_LIMITS: rateLimits.default(DEFAULT_QUERY_RATE_LIMITS),
  QUERY_RATE_LIMIT_WHITELIST: ipList.default([]),
  /** Signs account session tokens (not probe tokens: a probe token must never pass as a session). */
  ACCOUNT_JWT_SECRET: z.string().min(16).default('ooni-pipeline-development-account-secret'),
  /** Key of the hash that turns an email address into its stable account_id. */
  ACCOUNT_ID_HASHING_KEY: z.string().min(16).default('ooni-pipeline-development-account-id-key'),
  /** Accounts with the admin role, decided at login (case-insensitive). */
  ADMIN_EMAILS: emailList.default([]),
  /** smtp(s)://[user:pass@]host:port the login mails go through; unset: the API logs each login link instead. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'expected smtp://host:port or smtps://host:port' }).optional(),
  MAIL_FROM: z.string().min(3).default('OONI <noreply@localhost>'),
  LOGIN_REDIRECT_ALLOWLIST: originList.default(OONI_FRONT_END_ORIGINS),
  /** Login mails asked for, per client address and per email address (counts of requests per window). */
  LOGIN_RATE_LIMITS_PER_ADDRESS: rateLimits.default('10/hour'),
  LOGIN_RATE_LIMITS_PER_EMAIL: rateLimits.default('5/hour'),
  /** A session token lives this long; refreshing renews it, up to LOGIN_EXPIRY_DAYS after the login. */
  SESSION_EXPIRY_DAYS: z.coerce.number().int().min(1).max(365).default(10),
  LOGIN_EXPIRY_DAYS: z.coerce.number().int().min(1).max(365).default(10),
  /** Origins whose pages may call the session routes with credentials (api/cors.ts); other routes are open to all. */
  CORS_ALLOWED_ORIGINS: originList.default(OONI_FRONT_END_ORIGINS),
  /** JSON file of VPN providers for GET /api/v2/ooniprobe/vpn-config/{provider} (api/probe/vpn-config.ts); unset = none. */
  VPN_CONFIG_FILE: z.string().min(1).optional(),
  /** An OONI-style ip2country-as MMDB in place of the packaged IP database (docs/ip-data.md). */
  ENRICHMENT_MMDB: z.string().min(1).optional(),
  /** OONI's all_as_org_map.json (AS history: organisation, AS country, aut_name per day) for probe AS metadata (docs/ip-data.md). */
  ENRICHMENT_AS_ORG_MAP: z.string().min(1).optional(),
  /** Measurements per (probe_cc, probe_asn, software_name) and minute above which each is flagged `volume` at ingest; the hourly job's §8 group size (count ≥ this). */
  QUALITY_VOLUME_THRESHOLD: z.coerce.number().int().min(1).default(200),
  /** |measurement_start_time − receive time| above which a measurement is flagged `clock_drift`. */
  QUALITY_CLOCK_DRIFT_SECONDS: z.coerce.number().int().min(1).default(3600),
  /** Comma-separated domains the changepoint detector watches, in place of the Citizen Lab GRP list + twitter.com. */
  DETECTOR_DOMAINS: domainList.optional(),
  /** Hourly job: a start at least this long before the uid's receive time is flagged `start_before_receipt` (OONI's "future" threshold). */
  QUALITY_START_BEFORE_RECEIPT_SECONDS: z.coerce.number().int().min(1).default(1800),
  /** Hourly job: a start at least this long after the uid's receive time is flagged `start_after_receipt` (OONI's "past" threshold). */
  QUALITY_START_AFTER_RECEIPT_SECONDS: z.coerce.number().int().min(1).default(7200),
});

/** Which Temporal the launchers start (npm start, test/run.ts, the chaos run): the CLI dev server, or the real server's four services on PostgreSQL. */
export const temporalModeSchema = z.object({
  TEMPORAL_MODE: z.enum(['dev', 'cluster']).default('dev'),
  /** history shards of the cluster profile (fixed once its database exists) */
  TEMPORAL_HISTORY_SHARDS: z.coerce.number().int().min(1).max(1024).default(4),
});

/** Variables only the stack launcher reads (`npm start`). */
export const stackSchema = temporalModeSchema.extend({
  DATA_DIR: z.string().min(1).default('.data'),
  TOOLS_DIR: z.string().min(1).default('.tools/bin'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  PG_PORT: port.default(5433),
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  S3_ENDPOINT: z.url().optional(),
  S3_PORT: port.default(7070),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(8080),
  /** API processes sharing API_PORT (Node's cluster module) */
  API_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  /** worker processes polling the task queue; the i-th (from 0) serves its metrics on WORKER_METRICS_ADDRESS's port + i */
  WORKER_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  STARTUP_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(120),
});

export type RuntimeConfig = z.infer<typeof runtimeSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses `env` with `schema`; the error names every missing or bad variable. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = schema.safeParse(blankAsUnset);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    return `  ${name}: ${issue.message}`;
  });
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
}

const DEVELOPMENT_SECRETS = ['PROBE_JWT_SECRET', 'ACCOUNT_JWT_SECRET', 'ACCOUNT_ID_HASHING_KEY'] as const;

export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const config = parseEnv(runtimeSchema, env);
  if (config.NODE_ENV === 'production') {
    const dev = DEVELOPMENT_SECRETS.filter((name) => config[name] === runtimeSchema.shape[name].parse(undefined));
    if (dev.length) {
      throw new ConfigError(
        `invalid configuration:\n${dev.map((name) => `  ${name}: the development default is refused when NODE_ENV=production`).join('\n')}`,
      );
    }
  }
  return config;
}
