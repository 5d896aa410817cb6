// GET /api/v1/quality_flags parameters: the zod schema the route parses with and /openapi.json documents.
import { z } from 'zod';
import { QUALITY_FLAG_TYPES, type QualityFlagType } from '../../domain/quality-flags.ts';
import { asnList, ccList, commaList, invalid, measurementUid, parseDateTime, parseIntParam, queryParam } from './params.ts';

const MAX_LIMIT = 1000;
const date = z.string().describe('YYYY-MM-DD or ISO 8601 datetime (naive = UTC); compared with measurement_start_time');

export const qualityFlagsQuery = z.object({
  type: queryParam(z.string().describe(`comma-separated list of flag types: ${QUALITY_FLAG_TYPES.join(', ')}`), (raw) => {
    const items = commaList(raw);
    for (const t of items ?? [])
      if (!(QUALITY_FLAG_TYPES as readonly string[]).includes(t)) throw invalid('type', `not a flag type: ${JSON.stringify(t)}`);
    return items as QualityFlagType[] | undefined;
  }),
  probe_cc: queryParam(
    z
      .string()
      .regex(/^[A-Za-z]{2}(,[A-Za-z]{2})*$/)
      .describe('comma-separated list of two-letter country codes (the measurement’s)'),
    (raw) => ccList('probe_cc', raw),
  ),
  probe_asn: queryParam(z.string().describe('comma-separated list of ASNs, AS1234 or 1234 (the measurement’s)'), (raw) => asnList('probe_asn', raw)),
  measurement_uid: queryParam(z.string().regex(/^[A-Za-z0-9._-]{3,100}$/), (raw) => measurementUid('measurement_uid', raw)),
  since: queryParam(date, (raw) => parseDateTime('since', raw)),
  until: queryParam(date, (raw) => parseDateTime('until', raw)),
  limit: queryParam(z.number().int().min(1).max(MAX_LIMIT).default(100), (raw) => parseIntParam('limit', raw, 100, 1, MAX_LIMIT)),
  offset: queryParam(z.number().int().min(0).default(0), (raw) => parseIntParam('offset', raw, 0, 0, Number.MAX_SAFE_INTEGER)),
});
