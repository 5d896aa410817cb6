// Complete fastpath rows for tests that load the table directly (query API, schedule jobs).
import type { fastpath } from '../../drizzle/schema.ts';

export type FastpathRow = typeof fastpath.$inferInsert;

let seq = 0;
/** A complete fastpath row; the uid is derived from the time, cc and test name as OONI's are. */
export function fpRow(o: Partial<FastpathRow> & { measurementStartTime: Date }): FastpathRow {
  const cc = o.probeCc ?? 'IT';
  const test = o.testName ?? 'web_connectivity';
  const t = o.measurementStartTime;
  const stamp = t.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const n = seq++;
  const uid = `${stamp}.${String(n).padStart(6, '0')}_${cc}_${test.replace(/_/g, '')}_${n.toString(16).padStart(16, '0')}`;
  return {
    measurementUid: uid,
    reportId: `${stamp.slice(0, 8)}T${stamp.slice(8)}Z_${test.replace(/_/g, '')}_${cc}_${o.probeAsn ?? 30722}_n1_${n.toString(36).padStart(16, 'a')}`,
    input: '',
    domain: '',
    probeCc: cc,
    probeAsn: 30722,
    testName: test,
    testStartTime: new Date(t.getTime() - 60_000),
    scores: '{"blocking_general":0.0,"blocking_global":0.0,"blocking_country":0.0,"blocking_isp":0.0,"blocking_local":0.0}',
    platform: 'android',
    anomaly: false,
    confirmed: false,
    msmFailure: false,
    blockingType: '',
    softwareName: 'ooniprobe-android',
    softwareVersion: '3.8.0',
    testVersion: '0.4.0',
    testRuntime: 1.5,
    architecture: 'arm64',
    engineName: 'ooniprobe-engine',
    engineVersion: '3.19.0',
    testHelperAddress: '',
    testHelperType: '',
    ooniRunLinkId: null,
    isVerified: 'u',
    ...o,
  };
}
