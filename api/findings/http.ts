// What every incidents route shares: answers are never cached (oonifindings' setnocacheresponse),
// and write bodies are read once, capped, and checked against their zod schema (422 otherwise).
import type { Context } from 'hono';
import type { z } from 'zod';
import { parseBody } from '../../domain/findings/finding-body.ts';
import { ApiError } from '../errors.ts';

export const NO_CACHE = { 'Cache-Control': 'no-cache' } as const;

/** A finding body is a few KiB of text; 1 MiB leaves room for a long article. */
export const MAX_FINDING_BODY_BYTES = 1024 * 1024;

export async function findingBodyOf<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const r = parseBody(schema, await c.req.text());
  if (!r.ok) throw new ApiError('invalid_finding', r.message);
  return r.value;
}

export const notFound = () => new ApiError('finding_not_found', 'OONI Finding not found');
