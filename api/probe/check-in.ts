// POST /api/v1/check-in: URLs to test, a report_id per test name, feature flags.
// Without GeoIP the answer carries the probe's own (normalised) CC and ASN.
import { Hono } from 'hono';
import { ApiError } from '../errors.ts';
import { generateReportId, normaliseProbeAsn, normaliseProbeCc } from '../../domain/ids/report-id.ts';
import { filterAndLimit, parseCategoryCodes } from './category-codes.ts';
import { NO_CACHE, formatRfc3339, readJsonObject } from './http.ts';
import type { ProbeServicesOptions, TestListUrl } from './options.ts';

export const CHECK_IN_TEST_NAMES = [
  'bridge_reachability',
  'dash',
  'dns_consistency',
  'dnscheck',
  'facebook_messenger',
  'http_header_field_manipulation',
  'http_host',
  'http_invalid_request_line',
  'http_requests',
  'meek_fronted_requests_test',
  'multi_protocol_traceroute',
  'ndt',
  'psiphon',
  'riseupvpn',
  'tcp_connect',
  'telegram',
  'tor',
  'urlgetter',
  'vanilla_tor',
  'web_connectivity',
  'whatsapp',
] as const;

const URL_LIMIT_MANUAL = 9999;
const URL_LIMIT_CHARGING = 100;
const URL_LIMIT_DEFAULT = 20;

function checkInUrlLimit(runType: unknown, charging: unknown): number {
  if (runType === 'manual') return URL_LIMIT_MANUAL;
  return charging === true ? URL_LIMIT_CHARGING : URL_LIMIT_DEFAULT;
}

function isTestListUrl(u: unknown): u is TestListUrl {
  if (typeof u !== 'object' || u === null) return false;
  const r = u as Record<string, unknown>;
  return typeof r['category_code'] === 'string' && typeof r['country_code'] === 'string' && typeof r['url'] === 'string';
}

export function createCheckInRoutes(opts: ProbeServicesOptions): Hono {
  const app = new Hono();
  app.post('/api/v1/check-in', async (c) => {
    const body = await readJsonObject(c);
    const wc = body['web_connectivity'];
    const categoryCodes = parseCategoryCodes(typeof wc === 'object' && wc !== null ? (wc as Record<string, unknown>)['category_codes'] : undefined);
    if (categoryCodes === null) throw new ApiError('bad_category_code', 'category_codes must be alphabetic codes');

    const probeCc = normaliseProbeCc(body['probe_cc'] ?? 'ZZ');
    const asn = normaliseProbeAsn(body['probe_asn'] ?? 'AS0');
    const probeAsn = `AS${asn}`;
    const limit = checkInUrlLimit(body['run_type'] ?? 'timed', body['charging'] ?? false);

    let urls: TestListUrl[];
    try {
      // The original answers an empty list when URL selection fails; the probe then reports "no URLs".
      urls = (await opts.urlSource({ probeCc, probeAsn, categoryCodes, limit })).filter(isTestListUrl);
    } catch {
      urls = [];
    }
    const now = opts.now();
    const reportId = (testName: string) =>
      generateReportId({ now, testName, probeCc, probeAsn: asn, collectorId: opts.collectorId, random: opts.random });
    const tests: Record<string, { report_id: string; urls?: TestListUrl[] }> = {};
    for (const name of CHECK_IN_TEST_NAMES) tests[name] = { report_id: reportId(name) };
    tests['web_connectivity']!.urls = filterAndLimit(urls, categoryCodes, limit).map(({ category_code, country_code, url }) => ({
      category_code,
      country_code,
      url,
    }));

    return c.json(
      {
        v: 1,
        probe_cc: probeCc,
        probe_asn: probeAsn,
        probe_network_name: null,
        utc_time: formatRfc3339(now),
        conf: {
          features: { ...opts.features, 'webconnectivity_0.5': true },
          test_helpers: opts.testHelpers,
        },
        tests,
      },
      200,
      NO_CACHE,
    );
  });
  return app;
}
