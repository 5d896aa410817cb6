// The zod schemas of the OONI Run v2 request bodies (create/edit a link, the probe's run metadata)
// and path parameters: the routes parse with them and /openapi.json documents them. Limits as
// OONI's pydantic models; unknown keys are dropped (an edit may send back a whole fetched link).
import { z } from 'zod';
import { nettestProblem, type Nettest } from '../../domain/oonirun/nettest.ts';
import { parseBool, queryParam } from '../query/params.ts';

const MAX_DEPTH = 32;

/**
 * What PostgreSQL (text, jsonb) and the JSON answers cannot take in a creator's free-form values:
 * NUL characters, and nesting deeper than MAX_DEPTH (checked without recursion, so no depth of
 * input can exhaust the stack).
 */
function storableProblem(value: unknown): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return 'must not contain NUL characters';
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_DEPTH) return `must not nest deeper than ${MAX_DEPTH} levels`;
      for (const [k, x] of Object.entries(v)) {
        if (k.includes('\u0000')) return 'must not contain NUL characters';
        stack.push([x, depth + 1]);
      }
    }
  }
  return null;
}

const storable = <T extends z.ZodType>(schema: T) =>
  schema.superRefine((v, ctx) => {
    const problem = storableProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const text = (min: number, max?: number) => storable(max === undefined ? z.string().min(min) : z.string().min(min).max(max));
const intl = storable(z.record(z.string(), z.string().min(2, 'must be at least 2 characters')))
  .nullable()
  .default(null);
const jsonObject = z.record(z.string(), z.unknown());

/** ISO 8601 datetime, with or without offset (naive = UTC), as pydantic reads it. */
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const datetime = z
  .string()
  .regex(ISO_DATETIME, 'must be an ISO 8601 datetime')
  .transform((raw, ctx) => {
    let iso = raw.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    if (/T\d{2}:\d{2}(?=$|[Z+-])/.test(iso)) iso = iso.replace(/(T\d{2}:\d{2})/, '$1:00');
    if (!/(Z|[+-]\d{2}:\d{2})$/.test(iso)) iso += 'Z';
    const d = new Date(iso);
    const [y, m, day] = raw.slice(0, 10).split('-').map(Number) as [number, number, number];
    if (Number.isNaN(d.getTime()) || new Date(Date.UTC(y, m - 1, day)).getUTCDate() !== day) {
      ctx.addIssue({ code: 'custom', message: 'not a valid datetime' });
      return z.NEVER;
    }
    return d;
  });

const nettestSchema = z
  .object({
    test_name: text(2, 100),
    inputs: z.array(storable(z.string())).nullable().default(null),
    inputs_extra: storable(z.array(jsonObject)).nullable().default(null),
    options: storable(jsonObject).default({}),
    is_background_run_enabled_default: z.boolean().default(false),
    is_manual_run_enabled_default: z.boolean().default(false),
    targets_name: text(1, 100).nullable().default(null),
  })
  .superRefine((nt: Nettest, ctx) => {
    const problem = nettestProblem(nt);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** POST /api/v2/oonirun/links and PUT /api/v2/oonirun/links/{id}. */
export const linkBodySchema = z.object({
  name: text(2, 50),
  short_description: text(2, 200),
  description: text(2),
  /** what the creator wants shown (OONI asks for a public email address); stored as typed */
  author: text(2, 100),
  nettests: z.array(nettestSchema).min(1, 'a link runs at least one nettest'),
  name_intl: intl,
  short_description_intl: intl,
  description_intl: intl,
  icon: text(0, 100).nullable().default(null),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a hex color such as #1a2b3c')
    .nullable()
    .default(null),
  /** default: 6 months after now */
  expiration_date: datetime.optional(),
});
export type LinkBody = z.output<typeof linkBodySchema>;

const NETWORK_TYPES = ['vpn', 'wifi', 'mobile', 'wired_ethernet', 'no_internet', 'bluetooth', 'usb', 'unknown'] as const;

/** POST …/engine-descriptor/{revision}: how and where the probe runs. */
export const runMetaSchema = z.object({
  run_type: z.enum(['timed', 'manual']),
  is_charging: z.boolean(),
  probe_asn: z.string().regex(/^(AS)?([0-9]{1,10})$/, 'AS1234 or 1234'),
  probe_cc: z.string().regex(/^[A-Za-z]{2}$/, 'a two-letter country code'),
  network_type: z.enum(NETWORK_TYPES),
  website_category_codes: z.array(z.string().regex(/^[A-Z]{1,16}$/, 'an upper-case category code such as NEWS')).default([]),
});
export type RunMeta = z.output<typeof runMetaSchema>;

/** `<software_name>,<software_version>,<platform>,<engine_name>,<engine_version>,<engine_version_full>` */
export const ENGINE_USER_AGENT = /^([a-zA-Z0-9\-_]+),([a-zA-Z0-9\-_.]+),([a-zA-Z0-9 ]+),([a-zA-Z0-9\-_]+),([a-zA-Z0-9\-_.]+),([a-zA-Z0-9\-_.]+)$/;

export const REVISION_PATTERN = /^(latest|\d+)$/;

/** GET /api/v2/oonirun/links */
export const listLinksQuery = z.object({
  is_mine: queryParam(z.boolean().describe("only the caller's links (none without a session)"), (raw) => parseBool('is_mine', raw)),
  is_expired: queryParam(z.boolean().describe('also the expired links'), (raw) => parseBool('is_expired', raw)),
});
