// measurement_uid / report_id / input (/ full) parameters of raw_measurement and measurement_meta, and the
// query of GET /api/v1/measurement/{uid}: zod schemas the routes parse with and /openapi.json documents.
import { z } from 'zod';
import type { MetaKey } from './meta-lookup.ts';
import { ApiError } from '../errors.ts';
import { REPORT_ID_PATTERN, invalid, measurementUid, minLength, parseQuery, queryParam } from './params.ts';

const FULL = new Set(['true', '1', 'yes']);

/** The query of raw_measurement and measurement_meta (raw_measurement ignores `full`). */
export const metaQuery = z.object({
  measurement_uid: queryParam(z.string().regex(/^[A-Za-z0-9._-]{3,100}$/), (raw) =>
    measurementUid('measurement_uid', minLength('measurement_uid', raw, 3)),
  ),
  report_id: queryParam(z.string().regex(REPORT_ID_PATTERN), (raw) => minLength('report_id', raw, 3)),
  input: queryParam(z.string().min(3), (raw) => minLength('input', raw, 3)),
  full: queryParam(z.string().describe('true, 1 or yes (any case) adds raw_measurement'), (raw) => FULL.has((raw ?? '').toLowerCase())),
});

/** The query of /api/v1/measurement/{uid}. */
export const measurementByUidQuery = z.object({
  download: queryParam(z.string().describe('true (any case) answers as an attachment'), (raw) => (raw ?? '').toLowerCase() === 'true'),
});

export interface MetaQuery {
  key: MetaKey;
  full: boolean;
}

export function parseMetaQuery(q: Record<string, string>, missingMessage: string): MetaQuery {
  const p = parseQuery(metaQuery, q);
  return { key: metaKeyOf(p, missingMessage), full: p.full };
}

function metaKeyOf(p: z.output<typeof metaQuery>, missingMessage: string): MetaKey {
  if (p.measurement_uid) return { uid: p.measurement_uid };
  if (!p.report_id) throw new ApiError('missing_parameter', missingMessage);
  if (!REPORT_ID_PATTERN.test(p.report_id)) throw invalid('report_id', 'Invalid report_id field');
  return p.input === undefined ? { reportId: p.report_id } : { reportId: p.report_id, input: p.input };
}
