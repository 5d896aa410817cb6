// GET /api/v1/test-list/urls (public) and the two token-protected blobs: tor-targets and
// psiphon-config (Bearer token from /api/v1/login, required as the Flask original did).
import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.ts';
import { isCountryCode } from '../../domain/ids/country-code.ts';
import { normaliseProbeCc } from '../../domain/ids/report-id.ts';
import { filterAndLimit, parseCategoryCodes } from './category-codes.ts';
import { NO_CACHE } from './http.ts';
import { TOKEN_AUDIENCE, verifyProbeJwt } from './probe-tokens.ts';
import type { ProbeServicesOptions, TestListUrl } from './options.ts';

export const MAX_TEST_LIST_LIMIT = 9999;

/** `limit` query: absent or -1 → 9999; otherwise an integer in 1..9999. */
export function parseTestListLimit(raw: string | undefined): number | null {
  if (raw === undefined || raw === '' || raw === '-1') return MAX_TEST_LIST_LIMIT;
  if (!/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= MAX_TEST_LIST_LIMIT ? n : null;
}

function requireProbeToken(opts: ProbeServicesOptions): MiddlewareHandler {
  return async (c, next) => {
    const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '');
    if (!m || !(await verifyProbeJwt(opts.jwtSecret, m[1]!, TOKEN_AUDIENCE))) {
      throw new ApiError('invalid_token', 'a valid Authorization: Bearer <token> from /api/v1/login is required');
    }
    await next();
  };
}

export function createTestListRoutes(opts: ProbeServicesOptions): Hono {
  const app = new Hono();

  app.get('/api/v1/test-list/urls', async (c) => {
    const limit = parseTestListLimit(c.req.query('limit'));
    if (limit === null) throw new ApiError('invalid_parameter', `limit must be -1 or 1..${MAX_TEST_LIST_LIMIT}`);
    const categoryCodes = parseCategoryCodes(c.req.query('category_codes'));
    if (categoryCodes === null) throw new ApiError('invalid_parameter', 'category_codes must be a comma list of alphabetic codes');
    const rawCc = c.req.query('probe_cc') ?? c.req.query('country_code') ?? 'ZZ';
    if (!isCountryCode(rawCc)) throw new ApiError('invalid_parameter', 'country_code must be a two-letter country code');
    const probeCc = normaliseProbeCc(rawCc);
    let results: TestListUrl[];
    try {
      results = filterAndLimit(await opts.urlSource({ probeCc, probeAsn: 'AS0', categoryCodes, limit }), categoryCodes, limit).map(
        ({ category_code, country_code, url }) => ({ category_code, country_code, url }),
      );
    } catch {
      results = [];
    }
    return c.json(
      {
        metadata: { count: results.length, current_page: -1, limit: -1, next_url: '', pages: 1 },
        results,
      },
      200,
      { 'Cache-Control': 'max-age=1' },
    );
  });

  const auth = requireProbeToken(opts);
  app.get('/api/v1/test-list/tor-targets', auth, (c) => c.json(opts.torTargets, 200, NO_CACHE));
  app.get('/api/v1/test-list/psiphon-config', auth, (c) => c.json(opts.psiphonConfig, 200, NO_CACHE));

  return app;
}
