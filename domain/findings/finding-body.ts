// The JSON bodies of the incidents write routes, as zod schemas (the validator and the
// /openapi.json document are the same object), with oonifindings' rules: title and text not
// empty, start_time required, end_time (when given) not before start_time at whole seconds,
// ASNs integers, list fields lists of strings (absent = []). Unknown keys are ignored, so a
// client may send back what /incidents/show answered (Explorer's edit page does).
import { z } from 'zod';
import { parseFindingTime, type FindingTime } from './time.ts';

const time = z
  .string()
  .meta({ description: 'ISO 8601 date or datetime; no offset means UTC' })
  .transform((raw, ctx): FindingTime => {
    const t = parseFindingTime(raw);
    if (t) return t;
    ctx.addIssue({ code: 'custom', message: `not an ISO 8601 datetime: ${JSON.stringify(raw.slice(0, 40))}` });
    return z.NEVER;
  });

const nonEmpty = z.string().min(1, 'field cannot be empty');
const strings = z.array(z.string()).default([]);
const asn = z.number().int().min(0).max(4_294_967_295);
const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'not a two-letter country code')
  .transform((cc) => cc.toUpperCase());

/** `{id}`: publish and unpublish. */
export const findingIdBody = z.object({ id: z.string().nullish() });

/** `{id, email_address}`: delete. */
export const findingDeleteBody = findingIdBody.extend({ email_address: z.string().default('') });

/** A whole finding: create and update (update finds it by `id`; create ignores `id`). */
export const findingBody = findingDeleteBody
  .extend({
    title: nonEmpty,
    text: nonEmpty,
    short_description: z.string().default(''),
    reported_by: z.string().default(''),
    event_type: z.string().default(''),
    published: z.boolean().default(false),
    slug: z.string().nullish().meta({ description: 'create: the slug to use instead of the generated one; update: ignored (slugs do not change)' }),
    start_time: time,
    end_time: time.nullish(),
    ASNs: z.array(asn).default([]),
    CCs: z.array(countryCode).default([]),
    themes: strings,
    tags: strings,
    test_names: strings,
    domains: strings,
    links: strings,
    // what /incidents/show answers with and a client may send back: checked, then ignored
    create_time: time.nullish(),
    update_time: time.nullish(),
    creator_account_id: z.string().nullish(),
    mine: z.boolean().nullish(),
  })
  .superRefine((b, ctx) => {
    if (b.end_time && b.end_time.epochSeconds < b.start_time.epochSeconds) {
      ctx.addIssue({ code: 'custom', path: ['end_time'], message: 'invalid start and end time' });
    }
  });

export type FindingBody = z.output<typeof findingBody>;

export type BodyResult<S extends z.ZodType> = { ok: true; value: z.output<S> } | { ok: false; message: string };

/** `text` as JSON checked against `schema`; every problem named with its field in `message`. */
export function parseBody<S extends z.ZodType>(schema: S, text: string): BodyResult<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'body is not JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, message: 'body is not a JSON object' };
  const r = schema.safeParse(json);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, message: r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') };
}
