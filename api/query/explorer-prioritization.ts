// Explorer / operators: debug_prioritization (the test list of a country with the data it was computed from)
// and show_countries_prioritization (the priority of every test-list URL, JSON or CSV). Both reuse the one
// prioritisation implementation of api/probe/url-priorities.ts.
import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from '../errors.ts';
import type { ApiDeps } from '../deps.ts';
import { isCountryCode } from '../../domain/ids/country-code.ts';
import { parseCategoryCodes } from '../probe/category-codes.ts';
import { MAX_TEST_LIST_LIMIT, parseTestListLimit } from '../probe/test-lists.ts';
import { computePriorities, fetchAllPriorityRules, generateTestList, type PrioritisationCandidate } from '../probe/url-priorities.ts';
import { toCsv } from './csv.ts';
import { addDays, dayOf } from './format.ts';
import { cacheFor } from './http.ts';
import { withCounters, type CountersMode } from './live-counters.ts';
import { parseAsn, parseQuery, queryParam } from './params.ts';

const bad = (message: string) => new ApiError('invalid_parameter', message, { status: 400 });

export const debugPrioritizationQuery = z.object({
  probe_cc: queryParam(
    z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .default('ZZ'),
    (raw) => {
      if (raw === undefined || raw === '') return 'ZZ';
      if (!isCountryCode(raw)) throw bad('missing or incorrect probe_cc');
      return raw.toUpperCase();
    },
  ),
  category_codes: queryParam(
    z
      .string()
      .regex(/^[A-Za-z, ]*$/)
      .describe('comma list of category codes'),
    (raw) => {
      const codes = parseCategoryCodes(raw);
      if (codes === null) throw bad('category_codes must be a comma list of alphabetic codes');
      return [...new Set(codes)];
    },
  ),
  probe_asn: queryParam(
    z
      .string()
      .regex(/^([Aa][Ss])?\d{1,10}$/)
      .describe('AS1234 or 1234; absent = every network'),
    (raw) => {
      if (raw === undefined || raw === '') return 0;
      try {
        return parseAsn('probe_asn', raw);
      } catch {
        throw bad('missing or incorrect probe_asn');
      }
    },
  ),
  limit: queryParam(z.int().min(-1).max(MAX_TEST_LIST_LIMIT).describe(`-1 or absent = ${MAX_TEST_LIST_LIMIT}; 0 is refused`), (raw) => {
    const n = parseTestListLimit(raw);
    if (n === null) throw bad(`limit must be -1 or 1..${MAX_TEST_LIST_LIMIT}`);
    return n;
  }),
});

export const showCountriesPrioritizationQuery = z.object({
  format: queryParam(
    z
      .string()
      .regex(/^([Jj][Ss][Oo][Nn]|[Cc][Ss][Vv])$/)
      .default('JSON')
      .describe('JSON (default) or CSV, any case'),
    (raw) => {
      const f = (raw ?? 'JSON').toUpperCase();
      if (f !== 'JSON' && f !== 'CSV') throw bad('format must be JSON or CSV');
      return f;
    },
  ),
});

interface CountedCandidate extends PrioritisationCandidate {
  anomaly_perc: number;
}

export function createExplorerPrioritizationRoutes(deps: ApiDeps, counters: CountersMode = 'live'): Hono {
  const app = new Hono();
  const sql = deps.sql;

  app.get('/api/_/debug_prioritization', async (c) => {
    const q = parseQuery(debugPrioritizationQuery, c.req.query());
    const { items, candidates, rules } = await generateTestList(sql, {
      probeCc: q.probe_cc,
      asn: q.probe_asn,
      categoryCodes: q.category_codes,
      limit: q.limit,
    });
    return c.json({ test_items: items, entries: candidates, prio_rules: rules }, 200, cacheFor(0));
  });

  app.get('/api/_/show_countries_prioritization', async (c) => {
    const { format } = parseQuery(showCountriesPrioritizationQuery, c.req.query());
    // the original counts fastpath over the last 7×24 h; the daily per-input counters give the last 7 days (today included)
    const today = dayOf(deps.clock());
    const entries = await withCounters(
      sql,
      counters,
      (tx, source) => tx<CountedCandidate[]>`
        with x as (
          select probe_cc, input_md5, input, sum(measurement_count)::int as msmt_cnt, sum(anomaly_flag_count)::int as anomalies
          from ${source.signed('counters_daily_input')} t
          where day > ${addDays(today, -7)}::date and day <= ${today}::date
          group by probe_cc, input_md5, input having sum(measurement_count) > 0
        )
        select c.domain, c.url, c.cc, c.category_code, coalesce(x.msmt_cnt, 0)::int as msmt_cnt,
               coalesce(trunc(x.anomalies * 100.0 / x.msmt_cnt), 0)::int as anomaly_perc
        from citizenlab c left join x on x.input_md5 = md5(c.url) and x.input = c.url and x.probe_cc = upper(c.cc)
        order by c.url collate "C", c.cc collate "C"`,
    );
    const rules = await fetchAllPriorityRules(sql);
    const rows = computePriorities(entries, rules)
      .map(({ weight: _, ...e }) => ({ ...e, cc: e.cc.toUpperCase() }))
      .sort((a, b) => (a.cc < b.cc ? -1 : a.cc > b.cc ? 1 : b.priority - a.priority));
    if (format === 'CSV') return c.body(toCsv(rows), 200, { 'Content-Type': 'text/csv' });
    return c.json(rows, 200, cacheFor(1));
  });
  return app;
}
