// Query parameters of GET /api/v1/incidents/search (oonifindings): only_mine, and the repeatable
// filters theme, country_code, asn, domain (`?asn=1&asn=2`; values of one filter OR-ed).
import { z } from 'zod';
import { isCountryCode } from '../../domain/ids/country-code.ts';
import { invalid, parseAsn, parseBool, queryParam } from '../query/params.ts';

/** A repeatable parameter: documented as an array of `item`, parsed from every value given. */
function repeatedParam<T>(item: z.ZodType, description: string, parse: (raw: string) => T) {
  const { $schema: _, ...json } = z.toJSONSchema(z.array(item).meta({ description }), { io: 'input' });
  return z
    .array(z.string())
    .optional()
    .transform((raw) => (raw === undefined || raw.length === 0 ? undefined : raw.map(parse)))
    .meta(json);
}

export const findingSearchQuery = z.object({
  only_mine: queryParam(
    z.boolean().default(false).meta({ description: 'only the findings the caller created' }),
    (raw) => parseBool('only_mine', raw) ?? false,
  ),
  theme: repeatedParam(z.string(), 'findings with any of these themes', (raw) => raw),
  country_code: repeatedParam(z.string().regex(/^[A-Za-z]{2}$/), 'findings about any of these countries', (raw) => {
    if (!isCountryCode(raw)) throw invalid('country_code', `not a two-letter country code: ${JSON.stringify(raw)}`);
    return raw.toUpperCase();
  }),
  asn: repeatedParam(z.string().regex(/^(AS)?\d{1,10}$/i), 'findings about any of these networks (1234 or AS1234)', (raw) => parseAsn('asn', raw)),
  domain: repeatedParam(z.string(), 'findings about any of these domains', (raw) => raw),
});

/** The route's query as the schema takes it: every value of a repeatable one, the last of the others. */
export function searchQueryInput(queries: Record<string, string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of Object.keys(findingSearchQuery.shape)) {
    const values = queries[key];
    if (values === undefined) continue;
    out[key] = key === 'only_mine' ? values[values.length - 1]! : values;
  }
  return out;
}
