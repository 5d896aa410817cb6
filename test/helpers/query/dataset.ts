// A deterministic, varied set of fastpath rows around NOW, for list and aggregation tests.
import { fpRow, type FastpathRow } from './harness.ts';
import { mulberry32 } from '../../../domain/seeded-random.ts';

const HOUR = 3_600_000;
const CCS = ['IT', 'US', 'RU', 'BR'];
const ASNS = [30722, 3269, 7738, 55430];
const TESTS = ['web_connectivity', 'web_connectivity', 'dnscheck', 'telegram', 'whatsapp', 'psiphon', 'vanilla_tor'];
const URLS = ['https://www.example.com/', 'http://ncac.org/', 'https://twitter.com/', 'https://www.facebook.com/', 'http://example.org/a'];
const BLOCKING = ['', 'dns', 'http-diff', 'http-failure', 'tcp_ip'];

function hostOf(url: string): string {
  return new URL(url).hostname;
}

/** `n` rows spread over the 20 days before 2024-01-15 12:00 UTC, plus special rows. */
export function dataset(n = 600): FastpathRow[] {
  const rows: FastpathRow[] = [];
  const next = mulberry32(7);
  const rnd = (k: number) => Math.floor(next() * k);
  const end = Date.parse('2024-01-15T12:00:00Z');
  for (let i = 0; i < n; i++) {
    const test = TESTS[rnd(TESTS.length)]!;
    const url = test === 'web_connectivity' ? URLS[rnd(URLS.length)]! : '';
    const failure = rnd(10) === 0;
    const anomaly = rnd(4) === 0;
    const confirmed = anomaly && rnd(3) === 0;
    const blocking = anomaly && test === 'web_connectivity' ? BLOCKING[1 + rnd(4)]! : '';
    rows.push(
      fpRow({
        measurementStartTime: new Date(end - rnd(20 * 24) * HOUR - rnd(3600) * 1000),
        probeCc: CCS[rnd(CCS.length)]!,
        probeAsn: ASNS[rnd(ASNS.length)]!,
        testName: test,
        input: url,
        domain: url ? hostOf(url) : '',
        anomaly,
        confirmed,
        msmFailure: failure,
        blockingType: blocking,
        scores: JSON.stringify({ blocking_general: anomaly ? 1 : 0, analysis: { blocking_type: blocking } }),
        softwareVersion: ['3.8.0', '3.9.2', '3.10.0'][rnd(3)]!,
        testVersion: ['0.4.0', '0.5.0'][rnd(2)]!,
        engineVersion: ['3.19.0', '3.20.1'][rnd(2)]!,
        ooniRunLinkId: rnd(5) === 0 ? 1234 : null,
        isVerified: ['t', 'f', 'u'][rnd(3)]!,
      }),
    );
  }
  // rows the default filters must hide, and rows outside the default window
  rows.push(fpRow({ measurementStartTime: new Date(end - 5 * HOUR), probeCc: 'ZZ', probeAsn: 30722 }));
  rows.push(fpRow({ measurementStartTime: new Date(end - 5 * HOUR), probeCc: 'IT', probeAsn: 0 }));
  rows.push(fpRow({ measurementStartTime: new Date('2023-06-01T10:00:00Z'), probeCc: 'IT', probeAsn: 3269 }));
  return rows;
}

export const CITIZENLAB = [
  { url: 'http://ncac.org/', cc: 'ZZ', categoryCode: 'NEWS', domain: 'ncac.org' },
  { url: 'https://twitter.com/', cc: 'ZZ', categoryCode: 'GRP', domain: 'twitter.com' },
  { url: 'https://www.facebook.com/', cc: 'ZZ', categoryCode: 'GRP', domain: 'www.facebook.com' },
  { url: 'https://www.example.com/', cc: 'it', categoryCode: 'CULTR', domain: 'www.example.com' },
  { url: 'https://www.example.com/', cc: 'br', categoryCode: 'NEWS', domain: 'www.example.com' },
];
