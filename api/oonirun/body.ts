// Reads a JSON body and parses it with a zod schema: a body that is not a JSON object is
// `invalid_json` (400), too large `body_too_large` (413), a bad field the route's own 422 code.
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from '../errors.ts';
import { readJsonObject } from '../probe/http.ts';

/** `nettests.0.inputs: expected array, received string; name: too short` */
const issuesText = (error: z.ZodError): string => error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`).join('; ');

export async function parseBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  code: 'oonirun_invalid_link' | 'oonirun_invalid_meta',
): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readJsonObject(c));
  if (!parsed.success) throw new ApiError(code, issuesText(parsed.error));
  return parsed.data;
}
